import { cron } from "inngest";
import { inngest } from "../client";
import { SWEEP_GRACE_MS } from "../publishing/config";
import { runPublishingSweep } from "../publishing/sweep";

/**
 * Every minute: the safety net behind the durable publish runs. Takes over SCHEDULED posts that
 * no run picked up (a lost event, the engine down at the time: POST_MISSED when late), retries
 * targets that stopped moving (including sends whose outcome was never recorded, via the ledger's
 * recovery), and verifies acknowledged posts the runs did not get to. One pass at a time.
 */
/** Acknowledged 10+ minutes ago and still unverified: the run could not check it. */
const SWEEP_VERIFY_AFTER_MS = 10 * 60_000;

export const sweepDuePosts = inngest.createFunction(
  {
    id: "sweep-due-posts",
    name: "Sweep due and stuck posts",
    triggers: [cron("* * * * *")],
    concurrency: { limit: 1 },
    retries: 0,
  },
  async ({ step, logger }) =>
    step.run("sweep", () =>
      runPublishingSweep({
        graceMs: SWEEP_GRACE_MS,
        // The runs verify within ~8 minutes; the sweep only picks up what they left.
        verifyAfterMs: SWEEP_VERIFY_AFTER_MS,
        limit: 200,
        logger: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
      }),
    ),
);
