import { systemDb } from "@mg/db/system";
import type { Tenant } from "../fixtures";
import type { ProcedureCase } from "../procedure-cases";
import { freshCompany, freshContact, freshDeal, freshPipeline } from "../crm/deals/helpers";

const FILTER = "A filter: another organization's id matches nothing here, like an id that exists nowhere (an empty answer, not NOT_FOUND).";

/** Default stages as the editor sends them, keeping the ids of `stages`. */
function stagesOf(stages: { id: string; name: string; probability: number; kind: "OPEN" | "WON" | "LOST" }[]) {
  return stages.map((s) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind }));
}

/** A task of `tenant` (assigned to its owner, due next year), with `extra` columns. */
async function freshTask(tenant: Tenant, extra: { doneAt?: Date; deletedAt?: Date } = {}): Promise<string> {
  const task = await systemDb().task.create({
    data: { organizationId: tenant.id, title: "Fixture task", timezone: "Europe/London", localTime: "2030-05-01T09:00", dueAt: new Date("2030-05-01T08:00:00Z"), assigneeUserId: tenant.users.OWNER.id, ...extra },
  });
  return task.id;
}

const due = { timezone: "Europe/London", localTime: "2030-06-01T09:00" };

/** A deal of `tenant` already won (for reopen). */
async function wonDeal(tenant: Tenant) {
  const d = await freshDeal(tenant);
  const wonStage = d.stageIds[3] ?? "";
  await systemDb().deal.update({ where: { organizationId_id: { organizationId: tenant.id, id: d.dealId } }, data: { stageId: wonStage, closedAt: new Date() } });
  return d;
}

/**
 * A second id that must sit next to `self`'s deal (a neighbour in its stage, a stage of its
 * pipeline): `other`'s row when aiming across tenants, and a row of the same deal's pipeline when
 * the suite checks the input is valid apart from whose id it names (`other` = `self`).
 */
async function besideOrForeign(self: Tenant, other: Tenant, pick: (d: Awaited<ReturnType<typeof freshDeal>>) => Promise<string> | string) {
  const mine = await freshDeal(self);
  const theirs = self.id === other.id ? mine : await freshDeal(other);
  return { mine, id: await pick(theirs) };
}

export const CRM_DEAL_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "pipelines.list": { valid: () => ({ includeArchived: true }) },
  "pipelines.create": { valid: () => ({ name: `Pipeline ${Math.random().toString(36).slice(2, 10)}`, currency: "EUR" }) },
  "pipelines.update": {
    valid: async (t) => ({ pipelineId: (await freshPipeline(t)).pipeline.id, name: `Renamed ${Math.random().toString(36).slice(2, 10)}` }),
    foreign: async (_self, other) => ({ pipelineId: (await freshPipeline(other)).pipeline.id, currency: "USD" }),
  },
  "pipelines.setStages": {
    valid: async (t) => {
      const { pipeline, stages } = await freshPipeline(t);
      return { pipelineId: pipeline.id, stages: [...stagesOf(stages), { name: "Extra", probability: 50, kind: "OPEN" }] };
    },
    foreign: async (_self, other) => {
      const { pipeline, stages } = await freshPipeline(other);
      return { pipelineId: pipeline.id, stages: stagesOf(stages) };
    },
  },
  "pipelines.setDefault": {
    valid: async (t) => ({ pipelineId: (await freshPipeline(t)).pipeline.id }),
    foreign: async (_self, other) => ({ pipelineId: (await freshPipeline(other)).pipeline.id }),
  },
  "pipelines.archive": {
    valid: async (t) => ({ pipelineId: (await freshPipeline(t)).pipeline.id, archived: true }),
    foreign: async (_self, other) => ({ pipelineId: (await freshPipeline(other)).pipeline.id, archived: true }),
  },

  "deals.board": {
    valid: async (t) => ({ pipelineId: (await freshDeal(t)).pipelineId }),
    // ownerUserId is a filter (another organization's member owns nothing here: an empty board).
    foreign: async (_self, other) => ({ pipelineId: (await freshDeal(other)).pipelineId }),
  },
  "deals.list": {
    valid: () => ({ status: "open", sort: "amount" }),
    foreign: async (_self, other) => ({ pipelineId: (await freshDeal(other)).pipelineId }),
    foreignAlso: {
      stageId: async (_self, other) => ({ stageId: (await freshDeal(other)).stageIds[0] }),
      ownerUserId: (_self, other) => ({ ownerUserId: other.users.OWNER.id }),
      companyId: async (_self, other) => ({ companyId: await freshCompany(other) }),
      contactId: async (_self, other) => ({ contactId: await freshContact(other) }),
    },
    foreignAnswer: { kind: "as-unknown-id", reason: FILTER },
  },
  "deals.get": {
    valid: async (t) => ({ dealId: (await freshDeal(t)).dealId }),
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId }),
  },
  "deals.timeline": {
    valid: async (t) => ({ dealId: (await freshDeal(t)).dealId, limit: 20 }),
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId }),
  },
  "deals.forecast": {
    valid: () => ({ months: 6 }),
    foreign: async (_self, other) => ({ pipelineId: (await freshPipeline(other)).pipeline.id }),
  },
  "deals.owners": { valid: () => undefined },
  "deals.create": {
    valid: async (t) => ({ name: "New deal", amountMinor: "125000", pipelineId: (await freshPipeline(t)).pipeline.id }),
    foreign: async (_self, other) => ({ name: "New deal", pipelineId: (await freshPipeline(other)).pipeline.id }),
    foreignAlso: {
      stageId: async (_self, other) => ({ name: "New deal", stageId: (await freshPipeline(other)).stages[0]?.id }),
      ownerUserId: async (self, other) => ({ name: "New deal", pipelineId: (await freshPipeline(self)).pipeline.id, ownerUserId: other.users.VIEWER.id }),
      companyId: async (self, other) => ({ name: "New deal", pipelineId: (await freshPipeline(self)).pipeline.id, companyId: await freshCompany(other) }),
      contactIds: async (self, other) => ({ name: "New deal", pipelineId: (await freshPipeline(self)).pipeline.id, contactIds: [await freshContact(other)] }),
    },
  },
  "deals.update": {
    valid: async (t) => ({ dealId: (await freshDeal(t)).dealId, name: "Renamed", amountMinor: "99" }),
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId, name: "Renamed" }),
    foreignAlso: {
      ownerUserId: async (self, other) => ({ dealId: (await freshDeal(self)).dealId, ownerUserId: other.users.VIEWER.id }),
      companyId: async (self, other) => ({ dealId: (await freshDeal(self)).dealId, companyId: await freshCompany(other) }),
      contactIds: async (self, other) => ({ dealId: (await freshDeal(self)).dealId, contactIds: [await freshContact(other)] }),
    },
  },
  "deals.move": {
    valid: async (t) => {
      const d = await freshDeal(t);
      return { dealId: d.dealId, stageId: d.stageIds[1] };
    },
    foreign: async (_self, other) => {
      const d = await freshDeal(other);
      return { dealId: d.dealId, stageId: d.stageIds[1] };
    },
    foreignAlso: {
      stageId: async (self, other) => {
        const { mine, id } = await besideOrForeign(self, other, (d) => d.stageIds[1] ?? "");
        return { dealId: mine.dealId, stageId: id };
      },
      afterDealId: async (self, other) => {
        const { mine, id } = await besideOrForeign(self, other, async (d) => {
          // A second deal in the neighbour's first stage.
          const row = await systemDb().deal.create({ data: { organizationId: self.id === other.id ? self.id : other.id, pipelineId: d.pipelineId, stageId: d.stageIds[0] ?? "", name: "Neighbour", currency: "EUR", position: "a1" } });
          return row.id;
        });
        return { dealId: mine.dealId, stageId: mine.stageIds[0], afterDealId: id };
      },
      beforeDealId: async (self, other) => {
        const { mine, id } = await besideOrForeign(self, other, async (d) => {
          const row = await systemDb().deal.create({ data: { organizationId: self.id === other.id ? self.id : other.id, pipelineId: d.pipelineId, stageId: d.stageIds[0] ?? "", name: "Neighbour", currency: "EUR", position: "a1" } });
          return row.id;
        });
        return { dealId: mine.dealId, stageId: mine.stageIds[0], beforeDealId: id };
      },
    },
  },
  "deals.close": {
    valid: async (t) => ({ dealId: (await freshDeal(t)).dealId, outcome: "LOST", lostReason: "Budget" }),
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId, outcome: "WON" }),
  },
  "deals.reopen": {
    valid: async (t) => ({ dealId: (await wonDeal(t)).dealId }),
    foreign: async (_self, other) => ({ dealId: (await wonDeal(other)).dealId }),
    foreignAlso: {
      stageId: async (self, other) => {
        const mine = await wonDeal(self);
        const stageId = self.id === other.id ? mine.stageIds[1] : (await freshDeal(other)).stageIds[1];
        return { dealId: mine.dealId, stageId };
      },
    },
  },
  "deals.delete": {
    valid: async (t) => ({ dealId: (await freshDeal(t)).dealId }),
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId }),
  },
  "deals.restore": {
    valid: async (t) => {
      const d = await freshDeal(t);
      await systemDb().deal.update({ where: { organizationId_id: { organizationId: t.id, id: d.dealId } }, data: { deletedAt: new Date() } });
      return { dealId: d.dealId };
    },
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId }),
  },

  "tasks.mine": { valid: () => ({ includeDoneDays: 7 }) },
  "tasks.forRecord": {
    valid: async (t) => ({ dealId: (await freshDeal(t)).dealId }),
    foreign: async (_self, other) => ({ dealId: (await freshDeal(other)).dealId }),
    foreignAlso: {
      contactId: async (_self, other) => ({ contactId: await freshContact(other) }),
      companyId: async (_self, other) => ({ companyId: await freshCompany(other) }),
    },
  },
  "tasks.create": {
    valid: () => ({ title: "Call back", due, priority: "HIGH" }),
    foreign: async (_self, other) => ({ title: "Call back", dealId: (await freshDeal(other)).dealId }),
    foreignAlso: {
      contactId: async (_self, other) => ({ title: "Call back", contactId: await freshContact(other) }),
      companyId: async (_self, other) => ({ title: "Call back", companyId: await freshCompany(other) }),
      assigneeUserId: (_self, other) => ({ title: "Call back", assigneeUserId: other.users.VIEWER.id }),
    },
  },
  "tasks.update": {
    valid: async (t) => ({ taskId: await freshTask(t), title: "Renamed", due }),
    foreign: async (_self, other) => ({ taskId: await freshTask(other), title: "Renamed" }),
    foreignAlso: {
      contactId: async (self, other) => ({ taskId: await freshTask(self), contactId: await freshContact(other) }),
      dealId: async (self, other) => ({ taskId: await freshTask(self), dealId: (await freshDeal(other)).dealId }),
      companyId: async (self, other) => ({ taskId: await freshTask(self), companyId: await freshCompany(other) }),
      assigneeUserId: async (self, other) => ({ taskId: await freshTask(self), assigneeUserId: other.users.VIEWER.id }),
    },
  },
  "tasks.complete": {
    valid: async (t) => ({ taskId: await freshTask(t) }),
    foreign: async (_self, other) => ({ taskId: await freshTask(other) }),
  },
  "tasks.reopen": {
    valid: async (t) => ({ taskId: await freshTask(t, { doneAt: new Date() }) }),
    foreign: async (_self, other) => ({ taskId: await freshTask(other, { doneAt: new Date() }) }),
  },
  "tasks.delete": {
    valid: async (t) => ({ taskId: await freshTask(t) }),
    foreign: async (_self, other) => ({ taskId: await freshTask(other) }),
  },
  "tasks.restore": {
    valid: async (t) => ({ taskId: await freshTask(t, { deletedAt: new Date() }) }),
    foreign: async (_self, other) => ({ taskId: await freshTask(other, { deletedAt: new Date() }) }),
  },
};
