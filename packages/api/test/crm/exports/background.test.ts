import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { purgeExpiredExportFiles, settleLocalCrmExports } from "@mg/jobs";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";
import { INLINE_EXPORT_ROWS } from "../../../src/schemas/crm/exports";
import { runExport, writeNextPart } from "../../../src/services/crm/exports/background";
import { crmExportDownload } from "../../../src/services/crm/exports/download";
import type { SessionUser } from "../../../src/trpc/context";

// Background exports: any size, written in parts by the job (or at once when small), each row
// exactly once whatever crashes or races, as the requester would see them, downloadable only by
// them — streamed through the download handler — until the file expires.

const BULK = 12_345;

let big: Tenant;
let small: Tenant;

/** Bulk contacts through SQL: few distinct creation times, so the keyset's id tiebreak is what keeps pages apart. */
async function bulkContacts(tenant: Tenant, count: number, ownerUserId: string | null = null): Promise<void> {
  await systemDb().$executeRaw`
    INSERT INTO contacts (id, organization_id, first_name, primary_email, owner_user_id, tags, created_at, updated_at)
    SELECT gen_random_uuid(), ${tenant.id}::uuid, 'Bulk ' || n, 'bulk' || n || '@example.com', ${ownerUserId}::uuid, ARRAY['bulk'],
           timestamp '2026-01-01' + (n % 300) * interval '1 minute', now()
    FROM generate_series(1, ${count}) AS n`;
}

beforeAll(async () => {
  big = await createTenant("bg-export-big");
  small = await createTenant("bg-export-small");
  await bulkContacts(big, BULK);
  await systemDb().contact.create({ data: { organizationId: small.id, firstName: '=HYPERLINK("https://evil.example")', lastName: "Formula" } });
});

afterAll(async () => {
  await settleLocalCrmExports();
  for (const t of [big, small]) await deleteTenant(t);
});

function parse(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
}

/** The file as the browser gets it: through the download handler, streamed. */
async function download(user: SessionUser | null, orgSlug: string, exportId: string): Promise<Response> {
  return crmExportDownload(new Request(`http://localhost/api/crm-exports/${orgSlug}/${exportId}`), { getUser: async () => user }, { orgSlug, exportId });
}

async function rowsOf(tenant: Tenant, exportId: string): Promise<Record<string, string>[]> {
  const response = await download(tenant.users.OWNER, tenant.slug, exportId);
  expect(response.status).toBe(200);
  return parse(await response.text());
}

describe("background exports", () => {
  it("writes a small export before answering: the file is the same as the synchronous export's", async () => {
    const caller = callerFor(small.users.OWNER, small.slug);
    const started = await caller.crmExports.startContacts({ scope: { kind: "all" } });
    expect(started).toMatchObject({ status: "DONE", totalRows: 1, processedRows: 1, percent: 100, downloadable: true });
    const response = await download(small.users.OWNER, small.slug, started.id);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`filename="${started.fileName}"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const sync = await caller.crmExports.contacts({ scope: { kind: "all" } });
    expect(text).toBe(`${sync.csv}\r\n`);
    // Formula cells neutralized in the parts as in the synchronous file.
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    const audit = await systemDb().auditLog.findFirst({ where: { organizationId: small.id, action: "crmExports.startContacts" } });
    expect(audit?.targetId).toBe(started.id);
  });

  it("hands a large export to the job through the outbox and writes every row once, in parts, with progress", async () => {
    const caller = callerFor(big.users.OWNER, big.slug);
    const started = await caller.crmExports.startContacts({ scope: { kind: "all" } });
    expect(BULK).toBeGreaterThan(INLINE_EXPORT_ROWS);
    expect(started).toMatchObject({ status: "QUEUED", totalRows: BULK, processedRows: 0, downloadable: false });
    const event = await systemDb().eventOutbox.findFirst({ where: { eventId: `crm-export:${started.id}:start` } });
    expect(event?.name).toBe("crm/export.requested");
    await settleLocalCrmExports();

    const done = await caller.crmExports.get({ exportId: started.id });
    expect(done).toMatchObject({ status: "DONE", processedRows: BULK, percent: 100, downloadable: true });
    const parts = await systemDb().crmExportPart.findMany({ where: { organizationId: big.id, exportId: started.id }, orderBy: { index: "asc" } });
    expect(parts.map((p) => p.rowCount)).toEqual([5_000, 5_000, 2_345]);

    const rows = await rowsOf(big, started.id);
    expect(rows).toHaveLength(BULK);
    expect(new Set(rows.map((r) => r.id)).size).toBe(BULK);
    expect(rows[0]).toMatchObject({ first_name: expect.stringMatching(/^Bulk \d+$/), tags: "bulk" });
    // The Exports page lists it for its requester.
    expect((await caller.crmExports.list({ limit: 5 })).map((e) => e.id)).toContain(started.id);
  });

  it("a crash between a part's write and its commit writes nothing; the rerun and a racing runner write each row once", async () => {
    const caller = callerFor(big.users.ADMIN, big.slug);
    const started = await caller.crmExports.startContacts({ scope: { kind: "filter", filter: { match: "all", conditions: [{ kind: "tags", op: "has_any", values: ["bulk"] }] } } });
    await settleLocalCrmExports();
    // Rewind it to the start to drive the runs by hand.
    await systemDb().crmExportPart.deleteMany({ where: { organizationId: big.id, exportId: started.id } });
    await systemDb().crmExport.update({
      where: { organizationId_id: { organizationId: big.id, id: started.id } },
      data: { status: "QUEUED", processedRows: 0, partCount: 0, cursorCreatedAt: null, cursorId: null, finishedAt: null },
    });

    const crash = withOrg(big.id, (db) =>
      writeNextPart(db, started.id, {
        afterPartWrite: () => {
          throw new Error("process killed");
        },
      }),
    );
    await expect(crash).rejects.toThrow("process killed");
    expect(await systemDb().crmExportPart.count({ where: { organizationId: big.id, exportId: started.id } })).toBe(0);

    // Two runners at once (a redelivered event, the engine next to the local scheduler).
    const results = await Promise.all([runExport({ organizationId: big.id, exportId: started.id }), runExport({ organizationId: big.id, exportId: started.id })]);
    expect(results.every((r) => r.done && r.status === "DONE")).toBe(true);
    const parts = await systemDb().crmExportPart.findMany({ where: { organizationId: big.id, exportId: started.id }, select: { index: true } });
    expect(parts.map((p) => p.index).sort()).toEqual([0, 1, 2]);
    const rows = (await download(big.users.ADMIN, big.slug, started.id).then((r) => r.text())).split("\r\n").filter(Boolean);
    expect(rows).toHaveLength(BULK + 1);
    expect(new Set(rows).size).toBe(BULK + 1);
  });

  it("cancels between parts, and a failed run says what to do without the internal reason, then resumes from its cursor", async () => {
    const caller = callerFor(big.users.OWNER, big.slug);
    const started = await caller.crmExports.startContacts({ scope: { kind: "all" } });
    await settleLocalCrmExports();
    // Back to "one part written, the run between parts": a cancel now waits for the runner.
    await systemDb().crmExportPart.deleteMany({ where: { organizationId: big.id, exportId: started.id, index: { gt: 0 } } });
    await systemDb().crmExport.update({ where: { organizationId_id: { organizationId: big.id, id: started.id } }, data: { status: "RUNNING", processedRows: 5_000, partCount: 1, finishedAt: null } });
    const asked = await caller.crmExports.cancel({ exportId: started.id });
    expect(asked.status).toBe("RUNNING");
    expect(asked.cancelRequestedAt).not.toBeNull();
    expect(await runExport({ organizationId: big.id, exportId: started.id })).toMatchObject({ done: true, status: "CANCELLED" });
    expect(await systemDb().crmExportPart.count({ where: { organizationId: big.id, exportId: started.id } })).toBe(0);
    expect(await caller.crmExports.get({ exportId: started.id })).toMatchObject({ status: "CANCELLED", downloadable: false });
    expect(await outcome(caller.crmExports.cancel({ exportId: started.id }))).toBe("CONFLICT");

    const second = await caller.crmExports.startContacts({ scope: { kind: "all" } });
    await settleLocalCrmExports();
    await systemDb().crmExport.update({
      where: { organizationId_id: { organizationId: big.id, id: second.id } },
      data: { status: "FAILED", failureReason: 'relation "crm_export_parts" is locked', processedRows: 5_000, partCount: 1, cursorCreatedAt: null, cursorId: null },
    });
    await systemDb().crmExportPart.deleteMany({ where: { organizationId: big.id, exportId: second.id, index: { gt: 0 } } });
    const first = await systemDb().crmExportPart.findFirst({ where: { organizationId: big.id, exportId: second.id, index: 0 } });
    const lastOfFirst = parse(`${CONTACT_HEADER}\r\n${first?.csv ?? ""}`).at(-1);
    const cursorRow = await systemDb().contact.findFirst({ where: { organizationId: big.id, id: lastOfFirst?.id ?? "" }, select: { id: true, createdAt: true } });
    await systemDb().crmExport.update({ where: { organizationId_id: { organizationId: big.id, id: second.id } }, data: { cursorCreatedAt: cursorRow?.createdAt ?? null, cursorId: cursorRow?.id ?? null } });

    const failed = await caller.crmExports.get({ exportId: second.id });
    expect(failed.status).toBe("FAILED");
    expect(failed.problem).toContain("Try again");
    expect(JSON.stringify(failed)).not.toMatch(/relation|locked/);
    expect((await download(big.users.OWNER, big.slug, second.id)).status).toBe(409);

    await caller.crmExports.resume({ exportId: second.id });
    await settleLocalCrmExports();
    const rows = await rowsOf(big, second.id);
    expect(rows).toHaveLength(BULK);
    expect(new Set(rows.map((r) => r.id)).size).toBe(BULK);
  });
});

const CONTACT_HEADER = "id,first_name,last_name,email,phone,job_title,company,company_domain,lifecycle_stage,score,tags,owner_email,source,created_at,updated_at";

describe("who gets an export's file", () => {
  let exportId: string;
  beforeAll(async () => {
    exportId = (await callerFor(small.users.ANALYST, small.slug).crmExports.startContacts({ scope: { kind: "all" } })).id;
  });

  it("only its requester: another member, another organization's owner and a signed-out visitor get 404 or 401", async () => {
    expect((await download(small.users.ANALYST, small.slug, exportId)).status).toBe(200);
    expect((await download(small.users.OWNER, small.slug, exportId)).status).toBe(404);
    expect(await outcome(callerFor(small.users.OWNER, small.slug).crmExports.get({ exportId }))).toBe("NOT_FOUND");
    // Another organization: its owner, in their organization and in this one's URL.
    expect((await download(big.users.OWNER, big.slug, exportId)).status).toBe(404);
    expect((await download(big.users.OWNER, small.slug, exportId)).status).toBe(404);
    expect((await download(null, small.slug, exportId)).status).toBe(401);
    expect((await download(small.users.ANALYST, small.slug, "not-a-uuid")).status).toBe(404);
    // The 404 says nothing about whether the export exists.
    expect(await (await download(small.users.OWNER, small.slug, exportId)).text()).toBe("Not found");
  });

  it("keeps a member restricted to own records to their own contacts, as when they asked", async () => {
    const owned = await createTenant("bg-export-own");
    try {
      await bulkContacts(owned, 6_000, owned.users.OWNER.id);
      await bulkContacts(owned, 7, owned.users.ANALYST.id);
      await systemDb().crmSettings.create({ data: { organizationId: owned.id, ownRecordsOnly: true } });
      const started = await callerFor(owned.users.ANALYST, owned.slug).crmExports.startContacts({ scope: { kind: "all" } });
      expect(started).toMatchObject({ status: "DONE", totalRows: 7 });
      const response = await download(owned.users.ANALYST, owned.slug, started.id);
      expect(parse(await response.text())).toHaveLength(7);
    } finally {
      await deleteTenant(owned);
    }
  });

  it("answers 410 once expired, and housekeeping deletes the file but keeps the row", async () => {
    await systemDb().crmExport.update({ where: { organizationId_id: { organizationId: small.id, id: exportId } }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const response = await download(small.users.ANALYST, small.slug, exportId);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("expired");
    expect((await callerFor(small.users.ANALYST, small.slug).crmExports.get({ exportId })).status).toBe("EXPIRED");
    expect(await purgeExpiredExportFiles(new Date(), small.id)).toBe(1);
    expect(await systemDb().crmExportPart.count({ where: { organizationId: small.id, exportId } })).toBe(0);
    expect(await purgeExpiredExportFiles(new Date(), small.id)).toBe(0);
  });

  it("a suspended organization can still take its data out, and nothing else", async () => {
    await systemDb().organization.update({ where: { id: small.id }, data: { status: "SUSPENDED" } });
    try {
      const caller = callerFor(small.users.OWNER, small.slug);
      expect(await outcome(caller.crmExports.startCompanies({}))).toBe("OK");
      expect(await outcome(caller.contacts.create({ firstName: "Frozen" }))).toBe("FORBIDDEN");
    } finally {
      await systemDb().organization.update({ where: { id: small.id }, data: { status: "ACTIVE" } });
    }
  });
});
