import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import { createSandboxAccount, futureLocalTime } from "../social-fixtures";
import { toCsv } from "../../src/csv/write-csv";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant("csv-roundtrip");
  await createSandboxAccount(tenant, { handle: "northwind" });
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("posts.importCsv reads what the shared writer wrote", () => {
  it("imports a file whose @handle and formula-like cells were neutralized, with the text as meant", async () => {
    const date = futureLocalTime(6).slice(0, 10);
    const csv = toCsv([
      ["content", "accounts", "date", "time", "labels"],
      ["-20% on all bread today", "@northwind", date, "10:00", "offers"],
      ["=1+1 is the only maths we do here", "@northwind", date, "11:00", ""],
    ]);
    expect(csv).toContain("'@northwind");
    const result = await callerFor(tenant.users.OWNER, tenant.slug).posts.importCsv({ fileName: "written.csv", csv });
    expect(result.rowCount).toBe(2);
    const posts = await systemDb().post.findMany({ where: { importBatchId: result.batchId }, orderBy: { scheduledAt: "asc" }, select: { content: true } });
    expect(posts.map((p) => p.content)).toEqual(["-20% on all bread today", "=1+1 is the only maths we do here"]);
  });
});
