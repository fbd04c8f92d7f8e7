import { inngest } from "../client";
import { contactImportRequested } from "../events";
import { contactImportRunner } from "./contact-import-runner";

/**
 * The contact import's durable run: chunk after chunk in steps, each step a time budget of
 * chunks (the import's cursor makes a retried step continue, never repeat). The work itself is
 * the API's runner (./contact-import-runner.ts says why it is handed in).
 */

/** Time one step may spend before handing over to the next (engines cap a step's duration). */
const STEP_BUDGET_MS = 20_000;
/** 200,000 rows at 5,000 a chunk (DEFAULT_CHUNK_ROWS) is 40 chunks; a step does several. */
const MAX_STEPS = 500;

export const contactImportFn = inngest.createFunction(
  {
    id: "crm-contact-import",
    name: "Import contacts (chunks)",
    triggers: [contactImportRequested],
    // One import at a time per organization: its chunks lock the same contacts, and a tenant's
    // big file must not hold every worker.
    concurrency: { limit: 1, key: "event.data.organizationId" },
    retries: 5,
    onFailure: async ({ event, error }) => {
      const data = event.data.event.data;
      await contactImportRunner().fail({ organizationId: data.organizationId, importId: data.importId, reason: error.message });
    },
  },
  async ({ event, step }) => {
    const { organizationId, importId } = event.data;
    for (let i = 0; i < MAX_STEPS; i++) {
      const result = await step.run(`chunks-${i}`, () => contactImportRunner().run({ organizationId, importId, budgetMs: STEP_BUDGET_MS }));
      if (result.done) return result;
    }
    return { done: false as const, reason: "step limit reached: a resume continues from the cursor" };
  },
);

