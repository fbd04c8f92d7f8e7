import { inngest } from "../client";
import type { ChunkedRunner } from "./chunked-run-registry";

/** Time one step may spend before handing over to the next (engines cap a step's duration). */
export const STEP_BUDGET_MS = 20_000;
/** Steps before the function stops (a resume continues from the cursor). */
const MAX_STEPS = 500;

/**
 * The durable run: chunk after chunk in steps, each step a time budget of chunks (the record's
 * cursor makes a retried step continue, never repeat). One run at a time per organization: a
 * tenant's big file must not hold every worker.
 */
export function chunkedRunFunction<Key extends { organizationId: string }>(options: {
  id: string;
  name: string;
  trigger: Parameters<typeof inngest.createFunction>[0]["triggers"];
  keyOf: (data: Record<string, unknown>) => Key;
  runner: () => ChunkedRunner<Key>;
}) {
  return inngest.createFunction(
    {
      id: options.id,
      name: options.name,
      triggers: options.trigger,
      concurrency: { limit: 1, key: "event.data.organizationId" },
      retries: 5,
      onFailure: async ({ event, error }) => {
        await options.runner().fail({ ...options.keyOf(event.data.event.data as Record<string, unknown>), reason: error.message });
      },
    },
    async ({ event, step }) => {
      const key = options.keyOf(event.data as Record<string, unknown>);
      for (let i = 0; i < MAX_STEPS; i++) {
        const result = await step.run(`chunks-${i}`, () => options.runner().run({ ...key, budgetMs: STEP_BUDGET_MS }));
        if (result.done) return result;
      }
      return { done: false as const, reason: "step limit reached: a resume continues from the cursor" };
    },
  );
}
