import { z } from "zod";
import { TIKTOK_PRIVACY_LEVELS } from "@mg/integrations/types";
import { isValidLocalDateTime, parseRecurrenceRule } from "@mg/scheduling";
import { idSchema, timezoneSchema } from "./common";

/** Shared by the composer, the calendar and `.input()` of the posts router. */

export const POST_STATUSES = ["DRAFT", "SCHEDULED", "PUBLISHING", "PUBLISHED", "PARTIAL", "FAILED", "CANCELLED", "OUTCOME_UNKNOWN"] as const;
export const postStatusSchema = z.enum(POST_STATUSES);

/** A wall-clock time without zone: "2026-03-08T09:30" (the scheduling package's own check). */
export const localDateTimeSchema = z
  .string()
  .max(32, { message: "Use a real date and time like 2026-03-08T09:30." })
  .refine(isValidLocalDateTime, { message: "Use a real date and time like 2026-03-08T09:30." });

export const disambiguationSchema = z.enum(["earlier", "later"]);

/** An RFC 5545 RRULE without DTSTART, checked by the same parser that expands it. */
export const recurrenceRuleSchema = z
  .string()
  .trim()
  .max(500)
  .superRefine((rule, ctx) => {
    const parsed = parseRecurrenceRule(rule);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
  });

export const scheduleSchema = z.object({
  timezone: timezoneSchema,
  localTime: localDateTimeSchema,
  /** Needed only when the time occurs twice (DST fall-back). */
  disambiguation: disambiguationSchema.optional(),
  recurrenceRule: recurrenceRuleSchema.nullish(),
});
export type ScheduleInput = z.infer<typeof scheduleSchema>;

const labelSchema = z.string().trim().min(1).max(40);
const contentSchema = z.string().max(10_000, { message: "Posts are limited to 10,000 characters." });

/**
 * TikTok's `privacy_level` values (Content Posting API). Which of them an account may use is
 * TikTok's answer at publish time (creator_info); an app TikTok has not audited may use only
 * SELF_ONLY, and only on private accounts.
 */
export { TIKTOK_PRIVACY_LEVELS, type TikTokPrivacyLevel } from "@mg/integrations/types";

/** A TikTok target's own settings: TikTok's rules forbid a default, so the user's choice is stored. */
export const tiktokTargetSettingsSchema = z.object({
  privacyLevel: z.enum(TIKTOK_PRIVACY_LEVELS, { error: "Choose who can see the TikTok post: everyone, friends, followers or only you." }),
});

export const postTargetInputSchema = z.object({
  socialAccountId: idSchema,
  /** Null/absent: use the base content. */
  variantContent: contentSchema.nullish(),
  variantMediaIds: z.array(idSchema).max(20).default([]),
  useBaseMedia: z.boolean().default(true),
  variantFirstComment: z.string().max(5_000).nullish(),
  /** TikTok targets only: who can see the post (required before it can be scheduled there). */
  tiktok: tiktokTargetSettingsSchema.nullish(),
});
export type PostTargetInput = z.infer<typeof postTargetInputSchema>;

export const POST_INTENTS = ["draft", "schedule", "queue"] as const;

export const postFieldsSchema = z.object({
  content: contentSchema,
  mediaIds: z.array(idSchema).max(20).default([]),
  firstComment: z.string().max(5_000).nullish(),
  labels: z.array(labelSchema).max(20).default([]),
  campaignId: idSchema.nullish(),
  targets: z
    .array(postTargetInputSchema)
    .max(50)
    .refine((targets) => new Set(targets.map((t) => t.socialAccountId)).size === targets.length, { message: "Each account can be chosen once." }),
  schedule: scheduleSchema.nullish(),
  /** draft: save only; schedule: at `schedule`; queue: the accounts' next free queue slot. */
  intent: z.enum(POST_INTENTS).default("draft"),
});
export type PostFieldsInput = z.infer<typeof postFieldsSchema>;

export const createPostSchema = postFieldsSchema;
export const updatePostSchema = postFieldsSchema.extend({ postId: idSchema });
export const postIdSchema = z.object({ postId: idSchema });
export const targetIdSchema = z.object({ targetId: idSchema });

/** "It is live": the user found the post on the network; its address is optional (http/https only, it becomes a link). */
export const confirmLiveSchema = z.object({
  targetId: idSchema,
  url: z
    .string()
    .trim()
    .max(2_048, { message: "That address is too long." })
    .pipe(z.url({ protocol: /^https?$/, message: "Paste the post's address, starting with https://." }))
    .nullish(),
});

export const reschedulePostSchema = z.object({
  postId: idSchema,
  timezone: timezoneSchema,
  localTime: localDateTimeSchema,
  disambiguation: disambiguationSchema.optional(),
});

export const resolveTimeSchema = z.object({ timezone: timezoneSchema, localTime: localDateTimeSchema });

export const listPostsSchema = z
  .object({
    from: z.coerce.date(),
    to: z.coerce.date(),
    accountIds: z.array(idSchema).max(100).optional(),
    campaignIds: z.array(idSchema).max(100).optional(),
    statuses: z.array(postStatusSchema).max(POST_STATUSES.length).optional(),
    labels: z.array(labelSchema).max(20).optional(),
  })
  .refine((v) => v.to > v.from, { message: "The range must end after it starts.", path: ["to"] })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 120 * 86_400_000, { message: "Ask for at most 120 days at a time.", path: ["to"] });

export const searchPostsSchema = z.object({
  query: z.string().trim().max(200).optional(),
  statuses: z.array(postStatusSchema).max(POST_STATUSES.length).optional(),
  campaignId: idSchema.optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const validatePostSchema = postFieldsSchema.pick({ content: true, mediaIds: true, firstComment: true, targets: true });

/** 20 MB of CSV is far beyond 10,000 rows of posts; larger files are refused before parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const importCsvSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  csv: z.string().min(1, { message: "The file is empty." }).max(MAX_IMPORT_BYTES, { message: "The file is larger than 20 MB." }),
});
export const importBatchIdSchema = z.object({ batchId: idSchema });

export const optimalTimesSchema = z.object({ accountId: idSchema });
