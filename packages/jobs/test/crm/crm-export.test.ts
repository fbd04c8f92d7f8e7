import "../helpers/env";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { crmExportFn } from "../../src/crm/crm-export";
import { runCrmExportLocally, setCrmExportRunner, settleLocalCrmExports, type CrmExportRunner } from "../../src/crm/crm-export-runner";
import { deliverLocally, hasLocalEffect } from "../../src/outbox/local-delivery";

const ORG = "11111111-1111-4111-8111-111111111111";
const EXPORT = "33333333-3333-4333-8333-333333333333";

/** A runner that needs `steps` runs to finish, recording what it was asked. */
function fakeRunner(steps: number, failWith?: Error) {
  const runs: { exportId: string; budgetMs?: number }[] = [];
  const failures: string[] = [];
  const runner: CrmExportRunner = {
    run: async (input) => {
      runs.push({ exportId: input.exportId, budgetMs: input.budgetMs });
      if (failWith) throw failWith;
      const done = runs.length >= steps;
      return { done, status: done ? "DONE" : "RUNNING", processedRows: runs.length * 5_000, totalRows: steps * 5_000 };
    },
    fail: async (input) => {
      failures.push(`${input.exportId}: ${input.reason}`);
    },
  };
  return { runner, runs, failures };
}

describe("the CRM export function", () => {
  it("writes the export in budgeted steps until the runner reports done, one export at a time per organization", async () => {
    const fake = fakeRunner(2);
    setCrmExportRunner(fake.runner);
    const engine = new InngestTestEngine({ function: crmExportFn, events: [{ name: "crm/export.requested", data: { organizationId: ORG, exportId: EXPORT } }] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ done: true, status: "DONE", processedRows: 10_000 });
    expect(fake.runs).toEqual([
      { exportId: EXPORT, budgetMs: 20_000 },
      { exportId: EXPORT, budgetMs: 20_000 },
    ]);
    expect(crmExportFn.opts.concurrency).toEqual({ limit: 1, key: "event.data.organizationId" });
  });

  it("without an engine the event starts the run in this process; a failed run marks the export", async () => {
    expect(hasLocalEffect("crm/export.requested")).toBe(true);
    const ok = fakeRunner(1);
    setCrmExportRunner(ok.runner);
    await deliverLocally("crm/export.requested", { organizationId: ORG, exportId: EXPORT });
    await settleLocalCrmExports();
    expect(ok.runs).toEqual([{ exportId: EXPORT, budgetMs: undefined }]);

    const broken = fakeRunner(1, new Error("database went away"));
    setCrmExportRunner(broken.runner);
    runCrmExportLocally({ organizationId: ORG, exportId: EXPORT });
    await settleLocalCrmExports();
    expect(broken.failures).toEqual([`${EXPORT}: database went away`]);
  });
});
