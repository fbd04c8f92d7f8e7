import { z } from "zod";
import { idSchema } from "./common";

export const KPI_METRICS = ["impressions", "reach", "likes", "comments", "shares", "clicks", "engagementRate", "posts", "followers"] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

/** A calendar date, as the organization's calendar shows it. */
export const calendarDateSchema = z.iso.date({ message: "Use a date such as 2026-03-31." }).max(10, { message: "Use a date such as 2026-03-31." });

export const kpiTargetSchema = z.object({
  metric: z.enum(KPI_METRICS),
  target: z.number().nonnegative().max(1e12),
});

const campaignFields = {
  name: z.string().trim().min(1, "Give the campaign a name.").max(120, "Use at most 120 characters."),
  goal: z.string().trim().max(2000).nullish(),
  kpiTargets: z.array(kpiTargetSchema).max(20),
  budgetCents: z.number().int().nonnegative().max(1e13).nullish(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .max(3, "Use a three-letter currency code, such as USD.")
    .regex(/^[A-Z]{3}$/, "Use a three-letter currency code, such as USD."),
  startsOn: calendarDateSchema,
  endsOn: calendarDateSchema,
  color: z.string().max(7, "Use a hex color such as #6366f1.").regex(/^#[0-9a-fA-F]{6}$/, "Use a hex color such as #6366f1."),
};

const endsAfterStart = (value: { startsOn?: string; endsOn?: string }) => !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;
const endsAfterStartIssue = { message: "The end date must be on or after the start date.", path: ["endsOn"] };

export const createCampaignInput = z
  .object({
    ...campaignFields,
    kpiTargets: campaignFields.kpiTargets.default([]),
    currency: campaignFields.currency.default("USD"),
    color: campaignFields.color.default("#6366f1"),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const updateCampaignInput = z
  .object({ campaignId: idSchema, ...campaignFields })
  .partial()
  .required({ campaignId: true })
  .refine(endsAfterStart, endsAfterStartIssue);
export type UpdateCampaignInput = z.infer<typeof updateCampaignInput>;

export const campaignListInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
export const campaignIdInput = z.object({ campaignId: idSchema });
export const archiveCampaignInput = z.object({ campaignId: idSchema, archived: z.boolean() });
