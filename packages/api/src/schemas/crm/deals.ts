import { z } from "zod";
import { idSchema } from "../common";
import { currencySchema } from "./pipelines";

/** Minor units as a string of digits (BigInt on the server: never a float). Max fits PostgreSQL's bigint. */
export const amountMinorSchema = z
  .string()
  .max(40, { message: "Enter the amount in minor units (whole cents), digits only." })
  .trim()
  .regex(/^\d{1,18}$/, { message: "Enter the amount in minor units (whole cents), digits only." });

/** A calendar date "YYYY-MM-DD" (in the organization's time zone). */
export const calendarDateSchema = z
  .string()
  .max(10, { message: "Use a date like 2026-03-31." })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "Use a date like 2026-03-31." })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { message: "That date does not exist." });

const dealNameSchema = z.string().trim().min(1, { message: "Name the deal." }).max(200);
const lostReasonSchema = z.string().trim().max(500);

export const createDealInput = z.object({
  name: dealNameSchema,
  amountMinor: amountMinorSchema.default("0"),
  currency: currencySchema.optional(),
  /** Default: the organization's default pipeline. */
  pipelineId: idSchema.optional(),
  /** Default: the pipeline's first open stage. */
  stageId: idSchema.optional(),
  expectedCloseOn: calendarDateSchema.nullish(),
  /** Default: the caller. */
  ownerUserId: idSchema.nullish(),
  companyId: idSchema.nullish(),
  contactIds: z.array(idSchema).max(50).default([]),
});
export type CreateDealInput = z.input<typeof createDealInput>;

export const updateDealInput = z.object({
  dealId: idSchema,
  name: dealNameSchema.optional(),
  amountMinor: amountMinorSchema.optional(),
  currency: currencySchema.optional(),
  expectedCloseOn: calendarDateSchema.nullish(),
  ownerUserId: idSchema.nullish(),
  companyId: idSchema.nullish(),
  /** Replaces the deal's contacts when given. */
  contactIds: z.array(idSchema).max(50).optional(),
});
export type UpdateDealInput = z.input<typeof updateDealInput>;

/**
 * A drag: the target stage and the two neighbours the deal lands between (either may be absent:
 * top or bottom of the column). Writes the moved deal only.
 */
export const moveDealInput = z.object({
  dealId: idSchema,
  stageId: idSchema,
  /** The deal just above the drop point, or null at the top. */
  afterDealId: idSchema.nullish(),
  /** The deal just below the drop point, or null at the bottom. */
  beforeDealId: idSchema.nullish(),
  /** Accepted when the target is the lost stage. */
  lostReason: lostReasonSchema.nullish(),
});
export type MoveDealInput = z.input<typeof moveDealInput>;

export const closeDealInput = z.object({
  dealId: idSchema,
  outcome: z.enum(["WON", "LOST"]),
  lostReason: lostReasonSchema.nullish(),
});
export const reopenDealInput = z.object({
  dealId: idSchema,
  /** Default: the pipeline's last open stage. */
  stageId: idSchema.optional(),
});
export const dealIdInput = z.object({ dealId: idSchema });

export const boardInput = z.object({
  /** Default: the organization's default pipeline. */
  pipelineId: idSchema.optional(),
  ownerUserId: idSchema.optional(),
  /** Deals shown per stage (the totals always count them all). */
  perStage: z.number().int().min(1).max(500).default(200),
});

export const DEAL_SORTS = ["name", "amount", "expectedCloseOn", "createdAt", "updatedAt"] as const;
export const DEAL_STATUSES = ["open", "won", "lost", "all"] as const;
export const listDealsInput = z.object({
  pipelineId: idSchema.optional(),
  stageId: idSchema.optional(),
  ownerUserId: idSchema.optional(),
  companyId: idSchema.optional(),
  contactId: idSchema.optional(),
  status: z.enum(DEAL_STATUSES).default("all"),
  search: z.string().trim().max(200).optional(),
  sort: z.enum(DEAL_SORTS).default("updatedAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type ListDealsInput = z.input<typeof listDealsInput>;

export const forecastInput = z.object({
  pipelineId: idSchema.optional(),
  /** First month shown, "YYYY-MM" (default: six months back for won, this month for weighted). */
  from: z
    .string()
    .max(7)
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  months: z.number().int().min(1).max(24).default(12),
});

export const dealTimelineInput = z.object({
  dealId: idSchema,
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
