import { z } from "zod";
import { idSchema } from "../common";
import { CONSENT_CHANNELS, LIFECYCLE_STAGES } from "./contacts";

/**
 * The segment filter: one shape for the builder UI, the procedures' `.input()` and the stored
 * `segments.filter` column. A root group (all / any) of conditions and groups, groups nested once
 * — deep enough for "(A or B) and C" without a tree editor nobody can read. The compiler
 * (services/crm/segments/compile.ts) turns it into one SQL WHERE over `contacts`; every value
 * here becomes a bound parameter, never SQL text.
 */

// One list of stages and channels for contacts and their filters.
export { CONSENT_CHANNELS, LIFECYCLE_STAGES } from "./contacts";

/** Contact columns a text condition can test. */
export const CONTACT_TEXT_FIELDS = ["firstName", "lastName", "email", "phone", "jobTitle", "source"] as const;
export const CONTACT_DATE_FIELDS = ["createdAt", "updatedAt"] as const;
export const COMPANY_FIELDS = ["name", "domain", "industry", "size", "country"] as const;

export const TEXT_OPERATORS = ["equals", "not_equals", "contains", "not_contains", "starts_with", "is_empty", "is_not_empty"] as const;
export const DATE_OPERATORS = ["before", "after", "in_last_days", "not_in_last_days"] as const;
export const NUMBER_OPERATORS = ["eq", "gt", "lt", "between"] as const;

/** Limits that keep one statement small enough to plan quickly (and a crafted filter harmless). */
export const MAX_CONDITIONS_PER_GROUP = 20;
export const MAX_VALUES = 100;
const MAX_DAYS = 3650;

const text = z.string().trim().max(200, "Use at most 200 characters.");
const days = z.number().int().min(1, "At least 1 day.").max(MAX_DAYS, `At most ${MAX_DAYS} days.`);
const calendarDate = z.iso.date({ message: "Use a date such as 2026-03-31." }).max(10);
const number = z.number().finite().min(-1e15).max(1e15);
const values = <T extends z.ZodType>(item: T) => z.array(item).min(1, "Pick at least one value.").max(MAX_VALUES);

/** A value is required unless the operator tests for emptiness. */
const needsValue = (c: { op: string; value?: string | undefined }) => c.op === "is_empty" || c.op === "is_not_empty" || (c.value !== undefined && c.value.length > 0);
const valueIssue = { message: "Enter a value.", path: ["value"] };
const betweenHasUpper = (c: { op: string; valueTo?: number | undefined }) => c.op !== "between" || c.valueTo !== undefined;
const betweenIssue = { message: "Enter the upper bound.", path: ["valueTo"] };
const dateHasOperand = (c: { op: string; date?: string | undefined; days?: number | undefined }) =>
  c.op === "before" || c.op === "after" ? c.date !== undefined : c.days !== undefined;
const dateIssue = { message: "Enter a date or a number of days.", path: ["date"] };

export const contactTextCondition = z
  .object({ kind: z.literal("contact_text"), field: z.enum(CONTACT_TEXT_FIELDS), op: z.enum(TEXT_OPERATORS), value: text.optional() })
  .refine(needsValue, valueIssue);

export const contactDateCondition = z
  .object({ kind: z.literal("contact_date"), field: z.enum(CONTACT_DATE_FIELDS), op: z.enum(DATE_OPERATORS), date: calendarDate.optional(), days: days.optional() })
  .refine(dateHasOperand, dateIssue);

export const tagsCondition = z.object({ kind: z.literal("tags"), op: z.enum(["has_any", "has_all", "has_none"]), values: values(z.string().trim().min(1).max(50)) });

export const lifecycleCondition = z.object({ kind: z.literal("lifecycle"), op: z.enum(["in", "not_in"]), values: values(z.enum(LIFECYCLE_STAGES)) });

export const scoreCondition = z
  .object({ kind: z.literal("score"), op: z.enum(["gt", "lt", "between"]), value: z.number().int().min(-1_000_000).max(1_000_000), valueTo: z.number().int().min(-1_000_000).max(1_000_000).optional() })
  .refine(betweenHasUpper, betweenIssue);

export const ownerCondition = z
  .object({ kind: z.literal("owner"), op: z.enum(["is", "is_not", "is_empty", "is_not_empty"]), userId: idSchema.optional() })
  .refine((c) => c.op === "is_empty" || c.op === "is_not_empty" || c.userId !== undefined, { message: "Pick a member.", path: ["userId"] });

export const companyCondition = z
  .object({ kind: z.literal("company"), field: z.enum(COMPANY_FIELDS), op: z.enum(TEXT_OPERATORS), value: text.optional() })
  .refine(needsValue, valueIssue);

/**
 * A custom field, by its definition id, with the operators of its type. `type` is the filter's own
 * statement of which typed column it reads (the builder takes it from the definition); a field id
 * of another organization, or of no field, simply matches nothing.
 */
const customBase = { kind: z.literal("custom"), fieldId: idSchema };
export const customCondition = z.discriminatedUnion("type", [
  z.object({ ...customBase, type: z.literal("text"), op: z.enum(["equals", "contains", "is_empty", "is_not_empty"]), value: text.optional() }).refine(needsValue, valueIssue),
  /** NUMBER in its unit; CURRENCY in minor units (cents), as value_number stores it. */
  z.object({ ...customBase, type: z.literal("number"), op: z.enum([...NUMBER_OPERATORS, "is_empty", "is_not_empty"]), value: number.optional(), valueTo: number.optional() })
    .refine((c) => c.op === "is_empty" || c.op === "is_not_empty" || c.value !== undefined, { message: "Enter a number.", path: ["value"] })
    .refine(betweenHasUpper, betweenIssue),
  z.object({ ...customBase, type: z.literal("date"), op: z.enum([...DATE_OPERATORS, "is_empty", "is_not_empty"]), date: calendarDate.optional(), days: days.optional() })
    .refine((c) => c.op === "is_empty" || c.op === "is_not_empty" || dateHasOperand(c), dateIssue),
  z.object({ ...customBase, type: z.literal("boolean"), op: z.enum(["is_true", "is_false", "is_empty"]) }),
  z.object({ ...customBase, type: z.literal("single_select"), op: z.enum(["in", "not_in", "is_empty"]), optionIds: z.array(z.string().min(1).max(100)).max(MAX_VALUES).default([]) })
    .refine((c) => c.op === "is_empty" || c.optionIds.length > 0, { message: "Pick at least one option.", path: ["optionIds"] }),
  z.object({ ...customBase, type: z.literal("multi_select"), op: z.enum(["has_any", "has_all", "is_empty"]), optionIds: z.array(z.string().min(1).max(100)).max(MAX_VALUES).default([]) })
    .refine((c) => c.op === "is_empty" || c.optionIds.length > 0, { message: "Pick at least one option.", path: ["optionIds"] }),
]);

/** The latest consent_records row for (channel, purpose) decides; "never" = no row at all. */
export const consentCondition = z.object({
  kind: z.literal("consent"),
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z.string().trim().min(1, "Enter a purpose.").max(100),
  state: z.enum(["granted", "withdrawn", "never"]),
});

/** "Has an open deal in stage X", "has a won deal", "has no deal in pipeline P". */
export const dealCondition = z.object({
  kind: z.literal("deal"),
  has: z.boolean().default(true),
  status: z.enum(["any", "open", "won", "lost"]).default("any"),
  pipelineId: idSchema.optional(),
  stageId: idSchema.optional(),
});

export const ACTIVITY_FACTS = ["form_submitted", "email_opened", "email_clicked", "page_visited"] as const;
/** "Submitted form F in the last N days" (FORM_SUBMITTED with payload.formId), "opened an email in the last N days". */
export const activityCondition = z.object({
  kind: z.literal("activity"),
  has: z.boolean().default(true),
  activity: z.enum(ACTIVITY_FACTS),
  formId: idSchema.optional(),
  days: days,
});

export const listCondition = z.object({ kind: z.literal("list"), op: z.enum(["in", "not_in"]), listId: idSchema });

/** Every kind of condition. A union (not discriminated) because several members carry refinements. */
export const segmentCondition = z.union([
  contactTextCondition,
  contactDateCondition,
  tagsCondition,
  lifecycleCondition,
  scoreCondition,
  ownerCondition,
  companyCondition,
  customCondition,
  consentCondition,
  dealCondition,
  activityCondition,
  listCondition,
]);
export type SegmentCondition = z.infer<typeof segmentCondition>;

export const segmentGroup = z.object({
  kind: z.literal("group"),
  match: z.enum(["all", "any"]),
  conditions: z.array(segmentCondition).max(MAX_CONDITIONS_PER_GROUP, `A group holds at most ${MAX_CONDITIONS_PER_GROUP} conditions.`),
});
export type SegmentGroup = z.infer<typeof segmentGroup>;

/** The root: all / any of conditions and (once-nested) groups. An empty group matches every contact. */
export const segmentFilter = z.object({
  match: z.enum(["all", "any"]),
  conditions: z.array(z.union([segmentGroup, segmentCondition])).max(MAX_CONDITIONS_PER_GROUP, `A segment holds at most ${MAX_CONDITIONS_PER_GROUP} conditions or groups.`),
});
export type SegmentFilter = z.infer<typeof segmentFilter>;
export type SegmentFilterInput = z.input<typeof segmentFilter>;

export const EMPTY_SEGMENT_FILTER: SegmentFilter = { match: "all", conditions: [] };

// ── procedures ──────────────────────────────────────────────────────────────────────────────
const segmentName = z.string().trim().min(1, "Give the segment a name.").max(120, "Use at most 120 characters.");
const description = z.string().trim().max(1000, "Use at most 1,000 characters.").nullish();
export const PAGE_LIMIT_MAX = 100;

export const segmentListInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
export const segmentIdInput = z.object({ segmentId: idSchema });
export const createSegmentInput = z.object({ name: segmentName, description, filter: segmentFilter });
export type CreateSegmentInput = z.infer<typeof createSegmentInput>;
export const updateSegmentInput = z.object({ segmentId: idSchema, name: segmentName.optional(), description, filter: segmentFilter.optional() });
export const archiveSegmentInput = z.object({ segmentId: idSchema, archived: z.boolean().default(true) });
/** The live count while editing: an unsaved filter. */
export const segmentCountInput = z.object({ filter: segmentFilter });
/** Members of a saved segment (`segmentId`) or of an unsaved filter (the builder's preview). */
export const segmentPreviewInput = z
  .object({ segmentId: idSchema.optional(), filter: segmentFilter.optional(), cursor: idSchema.optional(), limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).default(25) })
  .refine((v) => (v.segmentId === undefined) !== (v.filter === undefined), { message: "Give a segment or a filter.", path: ["filter"] });
