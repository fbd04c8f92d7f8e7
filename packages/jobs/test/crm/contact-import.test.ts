import "../helpers/env";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { contactImportFn } from "../../src/crm/contact-import";
import { runContactImportLocally, setContactImportRunner, settleLocalContactImports, type ContactImportRunner } from "../../src/crm/contact-import-runner";
import { deliverLocally } from "../../src/outbox/local-delivery";

const ORG = "11111111-1111-4111-8111-111111111111";
const IMPORT = "22222222-2222-4222-8222-222222222222";

/** A runner that needs `steps` runs to finish, recording what it was asked. */
function fakeRunner(steps: number, failWith?: Error) {
  const runs: { budgetMs?: number }[] = [];
  const failures: string[] = [];
  const runner: ContactImportRunner = {
    run: async (input) => {
      runs.push({ budgetMs: input.budgetMs });
      if (failWith) throw failWith;
      const done = runs.length >= steps;
      return { done, status: done ? "DONE" : "RUNNING", processedRows: runs.length * 100, totalRows: steps * 100 };
    },
    fail: async (input) => {
      failures.push(input.reason);
    },
  };
  return { runner, runs, failures };
}

describe("the contact import function", () => {
  it("runs the import in budgeted steps until the runner reports done", async () => {
    const fake = fakeRunner(3);
    setContactImportRunner(fake.runner);
    const engine = new InngestTestEngine({ function: contactImportFn, events: [{ name: "crm/contact-import.requested", data: { organizationId: ORG, importId: IMPORT } }] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ done: true, status: "DONE", processedRows: 300 });
    expect(fake.runs).toEqual([{ budgetMs: 20_000 }, { budgetMs: 20_000 }, { budgetMs: 20_000 }]);
  });

  it("without an engine the event starts the run in this process and returns at once; a failed run marks the import", async () => {
    const ok = fakeRunner(1);
    setContactImportRunner(ok.runner);
    await deliverLocally("crm/contact-import.requested", { organizationId: ORG, importId: IMPORT });
    await settleLocalContactImports();
    // The whole import in one run: no step budget in process.
    expect(ok.runs).toEqual([{ budgetMs: undefined }]);

    const broken = fakeRunner(1, new Error("database went away"));
    setContactImportRunner(broken.runner);
    runContactImportLocally({ organizationId: ORG, importId: IMPORT });
    await settleLocalContactImports();
    expect(broken.failures).toEqual(["database went away"]);
  });
});
