import { cron } from "inngest";
import { inngest } from "../client";
import { leadQualified, scoringDecayDue, scoringRecomputeRequested, scoringRecomputeRequestedData, scoringTrainDue } from "../events";
import { chunkedRunFunction } from "../crm/chunked-run";
import { mailLeadQualified } from "./lead-qualified-mail";
import { organizationsWithRules, organizationsWithScores } from "./organizations";
import { scoringChores, scoringRecomputeRunner, utcDay } from "./runner";

const FAN_OUT_BATCH = 500;

/** Daily: one `scoring/decay.due` per organization with rules; the id carries the day, so a retried fan-out decays nothing twice. */
export const scoringDecayCron = inngest.createFunction(
  { id: "scoring-decay-fan-out", name: "Fan out score decay", triggers: [cron("23 3 * * *")], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => {
    const orgs = await step.run("list-organizations", () => organizationsWithRules());
    const day = await step.run("day", () => utcDay(new Date()));
    for (let i = 0; i < orgs.length; i += FAN_OUT_BATCH) {
      const batch = orgs.slice(i, i + FAN_OUT_BATCH);
      await step.sendEvent(`fan-out-${i / FAN_OUT_BATCH}`, batch.map((organizationId) => ({ name: scoringDecayDue.name, id: `scoring-decay:${organizationId}:${day}`, data: { organizationId, day } })));
    }
    return { organizations: orgs.length };
  },
);

/** One organization's decay: one run at a time per organization (its entries, its contacts' totals). */
export const scoringDecayFn = inngest.createFunction(
  { id: "scoring-decay", name: "Decay behaviour points", triggers: [scoringDecayDue], concurrency: { limit: 1, key: "event.data.organizationId" }, retries: 4 },
  async ({ event, step }) => step.run("decay", () => scoringChores().decay(event.data.organizationId, new Date(`${event.data.day}T12:00:00.000Z`))),
);

/** Weekly (Monday): every organization with a score retrains its conversion model. */
export const scoringTrainCron = inngest.createFunction(
  { id: "scoring-train-fan-out", name: "Fan out model training", triggers: [cron("41 4 * * 1")], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => {
    const orgs = await step.run("list-organizations", () => organizationsWithScores());
    const day = await step.run("day", () => utcDay(new Date()));
    for (let i = 0; i < orgs.length; i += FAN_OUT_BATCH) {
      const batch = orgs.slice(i, i + FAN_OUT_BATCH);
      await step.sendEvent(`fan-out-${i / FAN_OUT_BATCH}`, batch.map((organizationId) => ({ name: scoringTrainDue.name, id: `scoring-train:${organizationId}:${day}`, data: { organizationId, day } })));
    }
    return { organizations: orgs.length };
  },
);

export const scoringTrainFn = inngest.createFunction(
  { id: "scoring-train", name: "Train conversion model", triggers: [scoringTrainDue], concurrency: { limit: 1, key: "event.data.organizationId" }, retries: 3 },
  async ({ event, step }) => step.run("train", () => scoringChores().train(event.data.organizationId, new Date())),
);

export const scoringRecomputeFn = chunkedRunFunction({
  id: "scoring-recompute",
  name: "Recompute lead scores (chunks)",
  trigger: [scoringRecomputeRequested],
  keyOf: (data) => scoringRecomputeRequestedData.parse(data),
  runner: scoringRecomputeRunner,
});

export const leadQualifiedMailFn = inngest.createFunction(
  { id: "scoring-lead-qualified-mail", name: "Mail the owner of a qualified lead", triggers: [leadQualified], concurrency: { limit: 5, key: "event.data.organizationId" }, retries: 6 },
  async ({ event, step }) => step.run("mail", () => mailLeadQualified(event.data)),
);
