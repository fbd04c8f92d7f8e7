import { z } from "zod";
import type { AbTestMetric } from "@mg/db";
import { idSchema } from "./common";

export const AB_TEST_METRICS = ["ENGAGEMENT_RATE", "IMPRESSIONS", "LIKES", "COMMENTS", "SHARES", "CLICKS"] as const satisfies readonly AbTestMetric[];
type MissingMetric = Exclude<AbTestMetric, (typeof AB_TEST_METRICS)[number]>;
const _everyMetricListed: MissingMetric extends never ? true : false = true;

export const abTestMetricSchema = z.enum(AB_TEST_METRICS);

export const createAbTestInput = z.object({
  name: z.string().trim().min(1, "Give the test a name.").max(120),
  metric: abTestMetricSchema.default("ENGAGEMENT_RATE"),
  /** How long after the last variant goes out the winner is picked. */
  windowHours: z.number().int().min(1).max(24 * 30).default(48),
  postIds: z
    .array(idSchema)
    .min(2, "An A/B test needs at least two posts.")
    .max(10, "At most 10 variants.")
    .refine((ids) => new Set(ids).size === ids.length, "Each post can be one variant only."),
});
export type CreateAbTestInput = z.infer<typeof createAbTestInput>;

export const abTestIdInput = z.object({ abTestId: idSchema });
