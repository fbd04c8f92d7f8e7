import type { GetStepTools, Logger } from "inngest";
import type { JobsClient } from "../client";
import { abandonTarget, publishTarget, type PublishOutcome } from "./publish-target";
import { verifyTarget } from "./verify-target";

type StepTools = GetStepTools<JobsClient>;

export interface TargetsRun {
  organizationId: string;
  scheduleVersion: number;
  targetIds: readonly string[];
  retryFailed?: boolean;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // StepError wraps the step's own error; show the network's words, not the wrapper's.
    const cause = error.cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}

/**
 * One durable step per target, so a retry re-runs only the target that failed, and each step's
 * retries go back through the ledger (never a second post). When a step runs out of retries the
 * target is failed explicitly — it must not stay "publishing".
 */
export async function publishTargetsInSteps(step: StepTools, run: TargetsRun, logger?: Logger): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (const targetId of run.targetIds) {
    const input = { organizationId: run.organizationId, targetId, scheduleVersion: run.scheduleVersion, retryFailed: run.retryFailed };
    try {
      outcomes.push(await step.run(`publish ${targetId}`, () => publishTarget(input)));
    } catch (error) {
      const reason = describe(error);
      logger?.warn(`publishing target ${targetId} gave up: ${reason}`);
      outcomes.push(await step.run(`give up ${targetId}`, () => abandonTarget({ ...input, reason })));
    }
  }
  return outcomes;
}

/** Waits before each round; the last round declares a post that is still not live missing. */
const VERIFY_ROUNDS = ["60s", "2m", "5m"] as const;

/** Fetches acknowledged posts back from the network until each is live (or declared missing). */
export async function verifyTargetsInSteps(
  step: StepTools,
  run: Omit<TargetsRun, "targetIds" | "retryFailed">,
  outcomes: readonly PublishOutcome[],
  logger?: Logger,
): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  let pending = outcomes.filter((o) => o.state === "ACKNOWLEDGED").map((o) => o.targetId);
  for (const o of outcomes) if (o.state === "VERIFIED") states[o.targetId] = "VERIFIED";

  for (const [index, delay] of VERIFY_ROUNDS.entries()) {
    if (pending.length === 0) break;
    const round = index + 1;
    await step.sleep(`wait-before-verify-${round}`, delay);
    const next: string[] = [];
    for (const targetId of pending) {
      const id = round === 1 ? `verify ${targetId}` : `verify ${targetId} #${round}`;
      try {
        const result = await step.run(id, () =>
          verifyTarget({ organizationId: run.organizationId, targetId, scheduleVersion: run.scheduleVersion, giveUp: round === VERIFY_ROUNDS.length }),
        );
        states[targetId] = result.state;
        if (result.state === "PENDING") next.push(targetId);
      } catch (error) {
        // The network could not be asked (errors, not "missing"): leave it acknowledged for the sweep.
        logger?.warn(`verifying target ${targetId} failed: ${describe(error)}`);
        states[targetId] = "UNVERIFIED";
      }
    }
    pending = next;
  }
  return states;
}
