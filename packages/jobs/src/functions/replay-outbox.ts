import { cron } from "inngest";
import { inngest, replayOutbox } from "../client";

/**
 * Drains the outbox once the engine is reachable again: the engine can only run this when it is
 * up, which is exactly when the waiting events can be delivered. `pnpm jobs:replay` does the same
 * by hand. One run at a time; each event keeps its id, so an overlap would only cost requests.
 */
export const replayOutboxCron = inngest.createFunction(
  {
    id: "replay-event-outbox",
    name: "Replay event outbox",
    triggers: [cron("*/5 * * * *")],
    concurrency: { limit: 1 },
    retries: 0,
  },
  async ({ step }) => step.run("replay", () => replayOutbox({ limit: 500 })),
);
