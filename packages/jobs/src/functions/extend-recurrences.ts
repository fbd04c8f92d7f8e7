import { cron } from "inngest";
import { inngest } from "../client";
import { materializeRecurrences, recurringSeries } from "../publishing/recurrences";

/** Daily: every recurring series keeps its occurrences materialized 60 days ahead. */
export const extendRecurrences = inngest.createFunction(
  {
    id: "extend-recurrences",
    name: "Extend recurring series",
    triggers: [cron("30 3 * * *")],
    concurrency: { limit: 1 },
    retries: 3,
  },
  async ({ step, logger }) => {
    const series = await step.run("list-series", () => recurringSeries());
    let created = 0;
    for (const s of series) {
      try {
        const result = await step.run(`extend ${s.seriesId}`, () => materializeRecurrences(s));
        created += result.created.length;
      } catch (error) {
        logger.warn(`extending series ${s.seriesId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { series: series.length, created };
  },
);
