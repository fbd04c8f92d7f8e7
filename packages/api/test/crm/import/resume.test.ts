import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { runContactImport } from "../../../src/services/crm/import/run";
import { liveContactCount } from "./helpers";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-import-resume");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const admin = () => callerFor(tenant.users.ADMIN, tenant.slug);

function file(rows: number, prefix: string): string {
  const lines = ["email,first name,last name"];
  for (let i = 1; i <= rows; i++) lines.push(`${prefix}${i}@example.com,Person,${prefix}${i}`);
  return lines.join("\n");
}

/** A previewed import, queued as `start` would queue it — but run here, step by step, not by the local delivery. */
async function queued(csvText: string): Promise<string> {
  const { import: record } = await admin().contactImports.preview({ fileName: "people.csv", csvText });
  await systemDb().contactImport.update({ where: { organizationId_id: { organizationId: tenant.id, id: record.id } }, data: { status: "QUEUED" } });
  return record.id;
}

describe("the job's cursor", () => {
  it("a crash mid-chunk rolls that chunk back; the rerun continues from the cursor without duplicates", async () => {
    const importId = await queued(file(10, "crash"));
    const crash = runContactImport({
      organizationId: tenant.id,
      importId,
      chunkRows: 4,
      afterChunkWrite: (chunk) => {
        if (chunk === 1) throw new Error("process killed");
      },
    });
    await expect(crash).rejects.toThrow("process killed");
    const halfway = await admin().contactImports.get({ importId });
    expect({ status: halfway.status, processed: halfway.processedRows, created: halfway.createdCount }).toEqual({ status: "RUNNING", processed: 4, created: 4 });
    expect(await liveContactCount(tenant)).toBe(4);

    const rerun = await runContactImport({ organizationId: tenant.id, importId, chunkRows: 4 });
    expect(rerun).toMatchObject({ done: true, status: "DONE", processedRows: 10 });
    expect(await liveContactCount(tenant)).toBe(10);
    expect(await systemDb().contactImportChange.count({ where: { importId } })).toBe(10);
    expect(await systemDb().activity.count({ where: { organizationId: tenant.id, kind: "IMPORTED" } })).toBe(10);
    // Running a finished import again does nothing.
    expect(await runContactImport({ organizationId: tenant.id, importId, chunkRows: 4 })).toMatchObject({ done: true, status: "DONE" });
    expect(await liveContactCount(tenant)).toBe(10);
  });

  it("cancel stops between chunks; what was written stays until undone", async () => {
    const before = await liveContactCount(tenant);
    const importId = await queued(file(9, "cancel"));
    // A budget of 0 ms: one chunk, then hand over (as the job's step does).
    const first = await runContactImport({ organizationId: tenant.id, importId, chunkRows: 3, budgetMs: 0 });
    expect(first).toMatchObject({ done: false, processedRows: 3 });
    const cancelled = await admin().contactImports.cancel({ importId });
    expect(cancelled.status).toBe("RUNNING");
    expect(cancelled.cancelRequestedAt).not.toBeNull();
    expect(await runContactImport({ organizationId: tenant.id, importId, chunkRows: 3 })).toMatchObject({ done: true, status: "CANCELLED", processedRows: 3 });
    expect(await liveContactCount(tenant)).toBe(before + 3);
    const undo = await admin().contactImports.undo({ importId });
    expect(undo).toMatchObject({ removed: 3, restored: 0, kept: 0 });
    expect(await liveContactCount(tenant)).toBe(before);
  });

  it("a previewed import that is cancelled never runs", async () => {
    const { import: record } = await admin().contactImports.preview({ fileName: "people.csv", csvText: file(2, "never") });
    expect((await admin().contactImports.cancel({ importId: record.id })).status).toBe("CANCELLED");
    expect(await runContactImport({ organizationId: tenant.id, importId: record.id })).toMatchObject({ done: true, status: "CANCELLED", processedRows: 0 });
  });
});
