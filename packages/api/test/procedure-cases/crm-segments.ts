import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { ProcedureCase } from "../procedure-cases";
import type { Tenant } from "../fixtures";

/** Fixtures of the segments area, made through the system path (test setup). */
type Org = Tenant | { id: string };

export async function freshSegmentContact(tenant: Org, data: { firstName?: string; tags?: string[] } = {}): Promise<string> {
  const contact = await systemDb().contact.create({ data: { organizationId: tenant.id, firstName: data.firstName ?? "Casey", lastName: "Segment", tags: data.tags ?? ["fixture"] } });
  return contact.id;
}

export async function freshSegment(tenant: Org): Promise<string> {
  const segment = await systemDb().segment.create({
    data: { organizationId: tenant.id, name: `Segment ${randomUUID().slice(0, 8)}`, filter: { match: "all", conditions: [{ kind: "tags", op: "has_any", values: ["fixture"] }] } },
  });
  return segment.id;
}

export async function freshContactList(tenant: Org, memberIds: string[] = []): Promise<string> {
  const list = await systemDb().contactList.create({ data: { organizationId: tenant.id, name: `List ${randomUUID().slice(0, 8)}` } });
  for (const contactId of memberIds) await systemDb().contactListMember.create({ data: { organizationId: tenant.id, listId: list.id, contactId } });
  return list.id;
}

/** A filter whose ids name `other`'s list and custom field: inside `self` it matches nothing. */
async function filterNaming(other: Org) {
  const field = await systemDb().customFieldDefinition.create({ data: { organizationId: other.id, object: "CONTACT", key: `k_${randomUUID().slice(0, 8)}`, label: "Plan", type: "TEXT" } });
  return {
    match: "any" as const,
    conditions: [
      { kind: "list" as const, op: "in" as const, listId: await freshContactList(other, [await freshSegmentContact(other)]) },
      { kind: "custom" as const, type: "text" as const, fieldId: field.id, op: "is_empty" as const },
    ],
  };
}

const filterAnswer = {
  kind: "as-unknown-id" as const,
  reason: "Ids inside a filter (a list, a custom field) and a cursor are filters, not the thing looked up: another organization's match nothing here, exactly like ids of nobody.",
};
const membersAnswer = {
  kind: "as-unknown-id" as const,
  reason: "Contact ids given to a list are skipped when they are not this organization's live contacts: another organization's count as not added, like ids of nobody. The list id itself is NOT_FOUND.",
};

const everyone = { match: "all" as const, conditions: [] };

export async function freshCompany(tenant: Org): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const company = await systemDb().company.create({ data: { organizationId: tenant.id, name: `Company ${tag}`, domain: `${tag}.example`, domainKey: `${tag}.example` } });
  return company.id;
}

export async function freshDeal(tenant: Org): Promise<{ dealId: string; pipelineId: string }> {
  const pipeline = await systemDb().pipeline.create({ data: { organizationId: tenant.id, name: `Pipeline ${randomUUID().slice(0, 8)}` } });
  const stage = await systemDb().pipelineStage.create({ data: { organizationId: tenant.id, pipelineId: pipeline.id, name: "Open", position: 0, probability: 20 } });
  const deal = await systemDb().deal.create({ data: { organizationId: tenant.id, pipelineId: pipeline.id, stageId: stage.id, name: "Export me", amountMinor: 1_000n, currency: "EUR", position: "a0" } });
  return { dealId: deal.id, pipelineId: pipeline.id };
}

const exportAnswer = {
  kind: "as-unknown-id" as const,
  reason: "Ids picked for an export (contacts, companies, deals, a pipeline) and ids inside a filter select rows: another organization's select none, so the file is the same header-only file as for ids of nobody. A segment or list id is NOT_FOUND either way.",
};

export const CRM_SEGMENT_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "segments.list": { valid: () => ({ includeArchived: true }) },
  "segments.get": { valid: async (t) => ({ segmentId: await freshSegment(t) }), foreign: async (_self, other) => ({ segmentId: await freshSegment(other) }) },
  "segments.create": {
    // No foreign probe: the answer is the saved filter itself, which repeats whatever ids it was given.
    valid: () => ({ name: `New ${randomUUID().slice(0, 8)}`, filter: { match: "all", conditions: [{ kind: "score", op: "gt", value: 10 }] } }),
  },
  "segments.update": {
    valid: async (t) => ({ segmentId: await freshSegment(t), name: `Renamed ${randomUUID().slice(0, 8)}` }),
    foreign: async (_self, other) => ({ segmentId: await freshSegment(other), name: `Renamed ${randomUUID().slice(0, 8)}` }),
  },
  "segments.archive": { valid: async (t) => ({ segmentId: await freshSegment(t) }), foreign: async (_self, other) => ({ segmentId: await freshSegment(other) }) },
  "segments.count": {
    valid: () => ({ filter: everyone }),
    foreign: async (_self, other) => ({ filter: await filterNaming(other) }),
    foreignAnswer: filterAnswer,
  },
  "segments.preview": {
    valid: async (t) => ({ segmentId: await freshSegment(t) }),
    foreign: async (_self, other) => ({ segmentId: await freshSegment(other) }),
    foreignAlso: {
      filter: async (_self, other) => ({ filter: await filterNaming(other) }),
      cursor: async (_self, other) => ({ filter: everyone, cursor: await freshSegmentContact(other) }),
    },
    foreignAnswer: filterAnswer,
  },
  "segments.fieldCatalog": { valid: () => undefined },
  "contactLists.list": { valid: () => ({ includeArchived: true }) },
  "contactLists.create": { valid: () => ({ name: `List ${randomUUID().slice(0, 8)}` }) },
  "contactLists.rename": {
    valid: async (t) => ({ listId: await freshContactList(t), name: `Renamed ${randomUUID().slice(0, 8)}` }),
    foreign: async (_self, other) => ({ listId: await freshContactList(other), name: `Renamed ${randomUUID().slice(0, 8)}` }),
  },
  "contactLists.archive": { valid: async (t) => ({ listId: await freshContactList(t) }), foreign: async (_self, other) => ({ listId: await freshContactList(other) }) },
  "contactLists.addMembers": {
    valid: async (t) => ({ listId: await freshContactList(t), contactIds: [await freshSegmentContact(t)] }),
    foreign: async (_self, other) => ({ listId: await freshContactList(other), contactIds: [await freshSegmentContact(other)] }),
    foreignAlso: { contactIds: async (self, other) => ({ listId: await freshContactList(self), contactIds: [await freshSegmentContact(other)] }) },
    foreignAnswer: membersAnswer,
  },
  "contactLists.removeMembers": {
    valid: async (t) => {
      const contactId = await freshSegmentContact(t);
      return { listId: await freshContactList(t, [contactId]), contactIds: [contactId] };
    },
    foreign: async (_self, other) => {
      const contactId = await freshSegmentContact(other);
      return { listId: await freshContactList(other, [contactId]), contactIds: [contactId] };
    },
    foreignAlso: { contactIds: async (self, other) => ({ listId: await freshContactList(self, [await freshSegmentContact(self)]), contactIds: [await freshSegmentContact(other)] }) },
    foreignAnswer: membersAnswer,
  },
  "contactLists.members": {
    valid: async (t) => ({ listId: await freshContactList(t, [await freshSegmentContact(t)]) }),
    foreign: async (_self, other) => ({ listId: await freshContactList(other, [await freshSegmentContact(other)]) }),
    foreignAlso: { cursor: async (self, other) => ({ listId: await freshContactList(self, [await freshSegmentContact(self)]), cursor: await freshSegmentContact(other) }) },
    foreignAnswer: filterAnswer,
  },
  "contactLists.snapshotSegment": {
    valid: async (t) => ({ segmentId: await freshSegment(t), name: `Snapshot ${randomUUID().slice(0, 8)}` }),
    foreign: async (_self, other) => ({ segmentId: await freshSegment(other), name: `Snapshot ${randomUUID().slice(0, 8)}` }),
    foreignAlso: { listId: async (self, other) => ({ segmentId: await freshSegment(self), listId: await freshContactList(other) }) },
  },
  "crmExports.contacts": {
    valid: async (t) => {
      await freshSegmentContact(t, { firstName: "=1+1" });
      return { scope: { kind: "all" } };
    },
    foreign: async (_self, other) => ({ scope: { kind: "segment", segmentId: await freshSegment(other) } }),
    foreignAlso: {
      listId: async (_self, other) => ({ scope: { kind: "list", listId: await freshContactList(other, [await freshSegmentContact(other)]) } }),
      contactIds: async (_self, other) => ({ scope: { kind: "ids", contactIds: [await freshSegmentContact(other)] } }),
      filter: async (_self, other) => ({ scope: { kind: "filter", filter: await filterNaming(other) } }),
    },
    foreignAnswer: exportAnswer,
  },
  "crmExports.companies": {
    valid: async (t) => {
      await freshCompany(t);
      return {};
    },
    foreign: async (_self, other) => ({ companyIds: [await freshCompany(other)] }),
    foreignAnswer: exportAnswer,
  },
  "crmExports.deals": {
    valid: async (t) => {
      await freshDeal(t);
      return { status: "any" };
    },
    foreign: async (_self, other) => ({ dealIds: [(await freshDeal(other)).dealId] }),
    foreignAlso: { pipelineId: async (_self, other) => ({ pipelineId: (await freshDeal(other)).pipelineId }) },
    foreignAnswer: exportAnswer,
  },
};
