import { randomUUID } from "node:crypto";
import type { CrmExportStatus } from "@mg/db";
import { systemDb } from "@mg/db/system";
import type { ProcedureCase } from "../procedure-cases";
import type { Tenant } from "../fixtures";
import type { SessionUser } from "../../src/trpc/context";
import { freshCompany, freshContactList, freshDeal, freshSegment, freshSegmentContact } from "./crm-segments";

/**
 * Background exports. An export belongs to the member who asked for it, so the fixtures make it
 * for the caller (the RBAC suite passes each role's user; the isolation suite calls as the owner).
 */
export async function freshExport(tenant: Tenant, status: CrmExportStatus = "DONE", user: SessionUser = tenant.users.OWNER): Promise<string> {
  const done = status === "DONE";
  const record = await systemDb().crmExport.create({
    data: {
      organizationId: tenant.id,
      object: "CONTACT",
      request: { scope: { kind: "all" } },
      fileName: `${tenant.slug}-contacts-all-fixture.csv`,
      columns: { header: ["id", "first_name"], fieldIds: [] },
      ownRecordsOnly: false,
      requestedById: user.id,
      status,
      totalRows: 1,
      processedRows: done ? 1 : 0,
      partCount: done ? 1 : 0,
      failureReason: status === "FAILED" ? "fixture: the run gave up" : null,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  if (done) await systemDb().crmExportPart.create({ data: { organizationId: tenant.id, exportId: record.id, index: 0, rowCount: 1, csv: `${randomUUID()},Fixture` } });
  return record.id;
}

const pickedAnswer = {
  kind: "as-unknown-id" as const,
  reason: "Ids picked for an export select rows: another organization's select none, so the export is the same empty file as for ids of nobody (a segment or list id is NOT_FOUND either way).",
};

export const CRM_EXPORT_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "crmExports.startContacts": {
    valid: async (t) => {
      await freshSegmentContact(t);
      return { scope: { kind: "all" } };
    },
    foreign: async (_self, other) => ({ scope: { kind: "segment", segmentId: await freshSegment(other) } }),
    foreignAlso: {
      listId: async (_self, other) => ({ scope: { kind: "list", listId: await freshContactList(other, [await freshSegmentContact(other)]) } }),
    },
  },
  "crmExports.startCompanies": {
    valid: async (t) => {
      await freshCompany(t);
      return {};
    },
    // No id here is looked up (so none is NOT_FOUND): picked ids only select rows.
    foreignAlso: { companyIds: async (_self, other) => ({ companyIds: [await freshCompany(other)] }) },
    foreignAnswer: pickedAnswer,
  },
  "crmExports.startDeals": {
    valid: async (t) => {
      await freshDeal(t);
      return { status: "any" };
    },
    foreignAlso: {
      dealIds: async (_self, other) => ({ dealIds: [(await freshDeal(other)).dealId] }),
      pipelineId: async (_self, other) => ({ pipelineId: (await freshDeal(other)).pipelineId }),
    },
    foreignAnswer: pickedAnswer,
  },
  "crmExports.list": {
    valid: async (t, user) => {
      await freshExport(t, "DONE", user);
      return { limit: 10 };
    },
  },
  "crmExports.get": {
    valid: async (t, user) => ({ exportId: await freshExport(t, "RUNNING", user) }),
    foreign: async (_self, other) => ({ exportId: await freshExport(other) }),
  },
  "crmExports.cancel": {
    valid: async (t, user) => ({ exportId: await freshExport(t, "QUEUED", user) }),
    foreign: async (_self, other) => ({ exportId: await freshExport(other, "QUEUED") }),
  },
  "crmExports.resume": {
    valid: async (t, user) => ({ exportId: await freshExport(t, "FAILED", user) }),
    foreign: async (_self, other) => ({ exportId: await freshExport(other, "FAILED") }),
  },
  "crmExports.parts": {
    valid: async (t, user) => ({ exportId: await freshExport(t, "DONE", user), fromIndex: 0 }),
    foreign: async (_self, other) => ({ exportId: await freshExport(other), fromIndex: 0 }),
  },
};
