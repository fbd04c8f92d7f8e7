import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { Tenant } from "../../fixtures";

/**
 * A small CRM of one tenant where every segment condition has something to find: three live
 * contacts (ann, bob, cyd) that differ on every fact, plus a deleted and a merged contact that
 * match everything and must never be members. Built through the system path (test setup).
 */
export interface SegmentWorld {
  contacts: { ann: string; bob: string; cyd: string; deleted: string; merged: string };
  fields: { plan: string; arr: string; renewal: string; vip: string; region: string; interests: string };
  pipelineId: string;
  otherPipelineId: string;
  stages: { qualified: string; won: string; lost: string };
  formId: string;
  listId: string;
}

const DAY = 86_400_000;

export async function buildSegmentWorld(tenant: Tenant): Promise<SegmentWorld> {
  const db = systemDb();
  const org = tenant.id;
  const suffix = randomUUID().slice(0, 6);
  const field = (key: string, type: "TEXT" | "NUMBER" | "DATE" | "BOOLEAN" | "SINGLE_SELECT" | "MULTI_SELECT", options: { id: string; label: string }[] = []) =>
    db.customFieldDefinition.create({ data: { organizationId: org, object: "CONTACT", key: `${key}_${suffix}`, label: key, type, options } }).then((f) => f.id);
  const fields = {
    plan: await field("plan", "TEXT"),
    arr: await field("arr", "NUMBER"),
    renewal: await field("renewal", "DATE"),
    vip: await field("vip", "BOOLEAN"),
    region: await field("region", "SINGLE_SELECT", [{ id: "eu", label: "Europe" }, { id: "us", label: "Americas" }]),
    interests: await field("interests", "MULTI_SELECT", [{ id: "a", label: "Bread" }, { id: "b", label: "Cakes" }, { id: "c", label: "Coffee" }]),
  };

  const acme = await db.company.create({ data: { organizationId: org, name: "Acme", domain: "acme.com", domainKey: `acme-${suffix}.com`, industry: "Software", size: "11-50", country: "GB" } });
  const globex = await db.company.create({ data: { organizationId: org, name: "Globex", domain: "globex.io", domainKey: `globex-${suffix}.io`, industry: "Retail", size: "1-10", country: "US" } });

  const now = Date.now();
  const contact = (data: Parameters<typeof db.contact.create>[0]["data"]) => db.contact.create({ data }).then((c) => c.id);
  const ann = await contact({
    organizationId: org, firstName: "Ann", lastName: "Lee", primaryEmail: "ann@acme.com", companyId: acme.id, tags: ["vip", "newsletter"], lifecycleStage: "LEAD",
    score: 10, ownerUserId: tenant.users.OWNER.id, source: "form", jobTitle: "CTO", createdAt: new Date(now - 3 * DAY),
  });
  const bob = await contact({
    organizationId: org, firstName: "Bob", lastName: "Stone", primaryEmail: "bob@globex.io", primaryPhone: "+447700900123", companyId: globex.id, tags: ["newsletter"],
    lifecycleStage: "CUSTOMER", score: 50, ownerUserId: tenant.users.CONTENT_EDITOR.id, source: "import", createdAt: new Date(now - 2 * DAY),
  });
  const cyd = await contact({ organizationId: org, firstName: "Cyd", lastName: "Park", lifecycleStage: "SUBSCRIBER", score: 0, source: "manual", createdAt: new Date(now - 100 * DAY) });
  // Both match nearly every condition below; the compiler's base excludes them.
  const everything = { lastName: "Ghost", primaryEmail: "ghost@acme.com", companyId: acme.id, tags: ["vip", "newsletter"], lifecycleStage: "LEAD" as const, score: 10, ownerUserId: tenant.users.OWNER.id };
  const deleted = await contact({ organizationId: org, firstName: "Ann", ...everything, deletedAt: new Date() });
  const merged = await contact({ organizationId: org, firstName: "Ann", ...everything, mergedIntoId: ann });

  const value = (fieldId: string, contactId: string, v: { valueText?: string; valueNumber?: number; valueDate?: Date; valueBool?: boolean; valueOptions?: string[] }) =>
    db.customFieldValue.create({ data: { organizationId: org, fieldId, contactId, ...v } });
  for (const id of [ann, deleted, merged]) {
    await value(fields.plan, id, { valueText: "Pro" });
    await value(fields.arr, id, { valueNumber: 5000 });
    await value(fields.renewal, id, { valueDate: new Date("2027-01-15T00:00:00Z") });
    await value(fields.vip, id, { valueBool: true });
    await value(fields.region, id, { valueText: "eu" });
    await value(fields.interests, id, { valueOptions: ["a", "b"] });
  }
  await value(fields.arr, bob, { valueNumber: 20000 });
  await value(fields.renewal, bob, { valueDate: new Date("2026-06-01T00:00:00Z") });
  await value(fields.vip, bob, { valueBool: false });
  await value(fields.region, bob, { valueText: "us" });
  await value(fields.interests, bob, { valueOptions: ["c"] });
  await value(fields.plan, bob, { valueText: "" });

  // Consent: the newest row decides (ann granted then withdrew; bob the other way round).
  const consent = (contactId: string, status: "GRANTED" | "WITHDRAWN", ago: number) =>
    db.consentRecord.create({ data: { organizationId: org, contactId, channel: "EMAIL", purpose: "marketing", status, method: "form", recordedAt: new Date(now - ago * DAY) } });
  await consent(ann, "GRANTED", 10);
  await consent(ann, "WITHDRAWN", 1);
  await consent(bob, "WITHDRAWN", 10);
  await consent(bob, "GRANTED", 1);
  for (const id of [deleted, merged]) await consent(id, "GRANTED", 1);

  const pipeline = await db.pipeline.create({ data: { organizationId: org, name: `Sales ${suffix}` } });
  const otherPipeline = await db.pipeline.create({ data: { organizationId: org, name: `Partners ${suffix}` } });
  const stage = (name: string, position: number, kind: "OPEN" | "WON" | "LOST", probability: number) =>
    db.pipelineStage.create({ data: { organizationId: org, pipelineId: pipeline.id, name, position, kind, probability } }).then((s) => s.id);
  const stages = { qualified: await stage("Qualified", 0, "OPEN", 30), won: await stage("Won", 1, "WON", 100), lost: await stage("Lost", 2, "LOST", 0) };
  const deal = async (name: string, stageId: string, contactIds: string[], ownerUserId: string, deletedAt?: Date) => {
    const d = await db.deal.create({ data: { organizationId: org, pipelineId: pipeline.id, stageId, name, amountMinor: 100_000n, currency: "USD", position: "a0", ownerUserId, deletedAt: deletedAt ?? null } });
    for (const contactId of contactIds) await db.dealContact.create({ data: { organizationId: org, dealId: d.id, contactId } });
  };
  await deal("Ann's renewal", stages.qualified, [ann, deleted, merged], tenant.users.OWNER.id);
  await deal("Bob's order", stages.won, [bob], tenant.users.CONTENT_EDITOR.id);
  // A deleted deal is no fact at all.
  await deal("Cyd's abandoned deal", stages.lost, [cyd], tenant.users.OWNER.id, new Date());

  const formId = randomUUID();
  const activity = (contactId: string, kind: "FORM_SUBMITTED" | "EMAIL_OPENED", ago: number, payload: object) =>
    db.activity.create({ data: { organizationId: org, contactId, kind, payload, occurredAt: new Date(now - ago * DAY) } });
  await activity(ann, "FORM_SUBMITTED", 5, { formId, formName: "Contact us" });
  await activity(bob, "FORM_SUBMITTED", 40, { formId, formName: "Contact us" });
  await activity(cyd, "FORM_SUBMITTED", 2, { formId: randomUUID(), formName: "Another form" });
  await activity(bob, "EMAIL_OPENED", 2, { subject: "Spring menu" });
  for (const id of [deleted, merged]) await activity(id, "EMAIL_OPENED", 1, { subject: "Spring menu" });

  const list = await db.contactList.create({ data: { organizationId: org, name: `VIPs ${suffix}` } });
  for (const contactId of [ann, deleted, merged]) await db.contactListMember.create({ data: { organizationId: org, listId: list.id, contactId } });

  return { contacts: { ann, bob, cyd, deleted, merged }, fields, pipelineId: pipeline.id, otherPipelineId: otherPipeline.id, stages, formId, listId: list.id };
}
