import { z } from "zod";
import { idSchema } from "./common";
import { COMPANY_SIZES } from "./crm/companies";
import { LIFECYCLE_STAGES } from "./crm/contacts";
import { customCondition, tagsCondition } from "./crm/segment";

/**
 * Lead scoring: named scores with thresholds, rules (facts about a contact, behaviours it does)
 * and the procedures' inputs. Shared by the settings screen's forms and the procedures'
 * `.input()`; the stored `score_rules.condition` and `lead_scores.thresholds` columns hold
 * exactly these shapes (services/scoring/rules.ts reads them back through the same schemas).
 */

export const SCORED_BEHAVIOURS = ["form_submitted", "page_visited", "link_clicked", "email_opened", "email_clicked"] as const;
export type ScoredBehaviourName = (typeof SCORED_BEHAVIOURS)[number];
export const BEHAVIOUR_LABELS: Record<ScoredBehaviourName, string> = {
  form_submitted: "Submitted a form",
  page_visited: "Visited a landing page",
  link_clicked: "Clicked a tracked link",
  email_opened: "Opened an email",
  email_clicked: "Clicked in an email",
};

const shortText = z.string().trim().min(1, "Enter a value.").max(200, "Use at most 200 characters.");
const MAX_VALUES = 100;
const values = <T extends z.ZodType>(item: T) => z.array(item).min(1, "Pick at least one value.").max(MAX_VALUES);
const countryCode = z
  .string()
  .trim()
  .max(2)
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use two-letter country codes, such as DE.");
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "Use a domain such as example.com.");

/**
 * A fact rule's condition: one test of the contact. Custom fields and tags use the segment
 * filter's own condition shapes (the CRM's field typing: option ids, typed values).
 */
export const factCondition = z.union([
  z.object({ kind: z.literal("lifecycle"), op: z.enum(["in", "not_in"]), values: values(z.enum(LIFECYCLE_STAGES)) }),
  /** The country of the contact's primary phone, else of its company. */
  z.object({ kind: z.literal("country"), op: z.enum(["in", "not_in"]), values: values(countryCode) }),
  z.object({ kind: z.literal("company_size"), op: z.enum(["in", "not_in"]), values: values(z.enum(COMPANY_SIZES)) }),
  z.object({ kind: z.literal("has_company"), value: z.boolean() }),
  /** Any of the words/phrases appears in the job title (case-insensitive). */
  z.object({ kind: z.literal("job_title"), op: z.enum(["contains_any", "contains_none"]), values: values(shortText) }),
  /** `business`: an address that is not a free-mail provider's; `free_mail` the opposite. */
  z.object({ kind: z.literal("email_domain"), op: z.enum(["in", "not_in", "business", "free_mail"]), values: z.array(domain).max(MAX_VALUES).default([]) }).refine((c) => c.op === "business" || c.op === "free_mail" || c.values.length > 0, {
    message: "Enter at least one domain.",
    path: ["values"],
  }),
  tagsCondition,
  customCondition,
]);
export type FactCondition = z.infer<typeof factCondition>;

/** A behaviour rule's filter: only this form / page / link (all given must match). */
export const behaviourFilter = z
  .object({ formId: idSchema.optional(), pageId: idSchema.optional(), linkId: idSchema.optional() })
  .strict()
  .default({});
export type BehaviourFilter = z.infer<typeof behaviourFilter>;

export const MAX_POINTS = 1000;
const points = z.number().int().min(-MAX_POINTS, `At least −${MAX_POINTS}.`).max(MAX_POINTS, `At most ${MAX_POINTS}.`).refine((p) => p !== 0, "Give the rule some points (or a negative number).");
const halfLifeDays = z.number().int().min(1, "At least 1 day.").max(3650, "At most 3,650 days.").nullish();
const cap = z.number().int().min(1, "At least 1.").max(100_000).nullish();
const ruleName = z.string().trim().min(1, "Give the rule a name.").max(120, "Use at most 120 characters.");

const factRule = z.object({ kind: z.literal("FACT"), condition: factCondition });
const behaviourRule = z.object({ kind: z.literal("BEHAVIOUR"), event: z.enum(SCORED_BEHAVIOURS), filter: behaviourFilter });
export const ruleDefinition = z.discriminatedUnion("kind", [factRule, behaviourRule]);
export type RuleDefinition = z.infer<typeof ruleDefinition>;

export const ruleCreateInput = z
  .object({ scoreId: idSchema, name: ruleName, definition: ruleDefinition, points, halfLifeDays, cap })
  .refine((r) => r.definition.kind === "BEHAVIOUR" || r.halfLifeDays == null, { message: "Only behaviour points decay.", path: ["halfLifeDays"] });
export const ruleUpdateInput = z.object({
  ruleId: idSchema,
  name: ruleName.optional(),
  definition: ruleDefinition.optional(),
  points: points.optional(),
  halfLifeDays,
  cap,
  active: z.boolean().optional(),
});
export const ruleArchiveInput = z.object({ ruleId: idSchema, archived: z.boolean().default(true) });
export const ruleListInput = z.object({ scoreId: idSchema.optional(), includeArchived: z.boolean().default(false) }).default({ includeArchived: false });

export const scoreThreshold = z.object({
  atLeast: z.number().int().min(-1_000_000).max(1_000_000),
  /** Moves the contact forward to this stage (never back). */
  lifecycleStage: z.enum(LIFECYCLE_STAGES).nullish(),
  notifyOwner: z.boolean().default(false),
  assignRoundRobin: z.boolean().default(false),
});
export type ScoreThreshold = z.infer<typeof scoreThreshold>;
export const scoreThresholds = z
  .array(scoreThreshold)
  .max(10, "At most 10 thresholds per score.")
  .refine((list) => new Set(list.map((t) => t.atLeast)).size === list.length, "Two thresholds have the same value.");

const scoreLabel = z.string().trim().min(1, "Give the score a name.").max(60, "Use at most 60 characters.");
export const scoreCreateInput = z.object({ label: scoreLabel, isPrimary: z.boolean().default(false), thresholds: scoreThresholds.default([]) });
export const scoreUpdateInput = z.object({ scoreId: idSchema, label: scoreLabel.optional(), isPrimary: z.boolean().optional(), thresholds: scoreThresholds.optional(), position: z.number().int().min(0).max(1000).optional() });
export const scoreIdInput = z.object({ scoreId: idSchema });

export const contactScoreInput = z.object({
  contactId: idSchema,
  /** Page through one score's entries (newest first); without it, the first page of every score. */
  scoreId: idSchema.optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export const contactPredictionInput = z.object({ contactId: idSchema });
export const recomputeStatusInput = z.object({ recomputeId: idSchema.optional() }).default({});
