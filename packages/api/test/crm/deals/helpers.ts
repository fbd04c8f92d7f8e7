import { systemDb } from "@mg/db/system";
import type { Tenant } from "../../fixtures";

/** A live contact of `tenant`, written through the system path (test setup). */
export async function freshContact(tenant: Tenant, firstName = "Ada", ownerUserId: string | null = null): Promise<string> {
  const contact = await systemDb().contact.create({ data: { organizationId: tenant.id, firstName, lastName: "Test", nameKey: `${firstName.toLowerCase()} test`, ownerUserId } });
  return contact.id;
}

export async function freshCompany(tenant: Tenant, name = "Acme"): Promise<string> {
  const company = await systemDb().company.create({ data: { organizationId: tenant.id, name } });
  return company.id;
}

/** A pipeline with the default stages, created through the system path. */
export async function freshPipeline(tenant: Tenant, name = `Pipeline ${Math.random().toString(36).slice(2, 8)}`) {
  const db = systemDb();
  const pipeline = await db.pipeline.create({ data: { organizationId: tenant.id, name, currency: "EUR" } });
  const specs = [
    { name: "Qualified", probability: 10, kind: "OPEN" as const },
    { name: "Proposal", probability: 30, kind: "OPEN" as const },
    { name: "Negotiation", probability: 60, kind: "OPEN" as const },
    { name: "Won", probability: 100, kind: "WON" as const },
    { name: "Lost", probability: 0, kind: "LOST" as const },
  ];
  const stages = [];
  for (const [position, s] of specs.entries()) stages.push(await db.pipelineStage.create({ data: { organizationId: tenant.id, pipelineId: pipeline.id, position, ...s } }));
  return { pipeline, stages };
}

/** A deal row written directly (setup for procedure cases). */
export async function freshDeal(tenant: Tenant, options: { ownerUserId?: string | null } = {}): Promise<{ dealId: string; pipelineId: string; stageIds: string[] }> {
  const { pipeline, stages } = await freshPipeline(tenant);
  const first = stages[0];
  if (!first) throw new Error("no stage");
  const deal = await systemDb().deal.create({
    data: { organizationId: tenant.id, pipelineId: pipeline.id, stageId: first.id, name: "Fixture deal", amountMinor: 100_00n, currency: "EUR", position: "a0", ownerUserId: options.ownerUserId ?? null },
  });
  return { dealId: deal.id, pipelineId: pipeline.id, stageIds: stages.map((s) => s.id) };
}
