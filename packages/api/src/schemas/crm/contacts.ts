import { z } from "zod";
import { idSchema } from "../common";
import { customFieldValuesSchema } from "./custom-fields";

export const LIFECYCLE_STAGES = ["SUBSCRIBER", "LEAD", "MARKETING_QUALIFIED", "SALES_QUALIFIED", "OPPORTUNITY", "CUSTOMER", "OTHER"] as const;
export const lifecycleStageSchema = z.enum(LIFECYCLE_STAGES);
export type LifecycleStageName = (typeof LIFECYCLE_STAGES)[number];
export const LIFECYCLE_LABELS: Record<LifecycleStageName, string> = {
  SUBSCRIBER: "Subscriber",
  LEAD: "Lead",
  MARKETING_QUALIFIED: "Marketing qualified",
  SALES_QUALIFIED: "Sales qualified",
  OPPORTUNITY: "Opportunity",
  CUSTOMER: "Customer",
  OTHER: "Other",
};

export const PHONE_LABELS = ["mobile", "work", "home", "other"] as const;

const nameSchema = z.string().trim().max(100, "Use at most 100 characters.");
const tagSchema = z.string().trim().min(1).max(50, "Tags have at most 50 characters.");

export const contactPhoneInput = z.object({ number: z.string().trim().min(1, "Enter a phone number.").max(40), label: z.enum(PHONE_LABELS).default("mobile") });

const contactFields = {
  firstName: nameSchema.nullish(),
  lastName: nameSchema.nullish(),
  /** The first address is the primary one. Normalized (trimmed, lowercase) on the server. */
  emails: z.array(z.string().trim().min(1).max(254)).max(10, "At most 10 email addresses."),
  /** The first number is the primary one; read in the organization's country unless it starts with +. */
  phones: z.array(contactPhoneInput).max(10, "At most 10 phone numbers."),
  jobTitle: z.string().trim().max(200).nullish(),
  companyId: idSchema.nullish(),
  ownerUserId: idSchema.nullish(),
  lifecycleStage: lifecycleStageSchema,
  tags: z.array(tagSchema).max(50, "At most 50 tags."),
  customFields: customFieldValuesSchema,
};

export const contactCreateInput = z.object({
  ...contactFields,
  emails: contactFields.emails.default([]),
  phones: contactFields.phones.default([]),
  lifecycleStage: contactFields.lifecycleStage.default("LEAD"),
  tags: contactFields.tags.default([]),
  customFields: contactFields.customFields.default({}),
});
export type ContactCreateInput = z.input<typeof contactCreateInput>;

export const contactUpdateInput = z.object({
  contactId: idSchema,
  firstName: contactFields.firstName,
  lastName: contactFields.lastName,
  emails: contactFields.emails.optional(),
  phones: contactFields.phones.optional(),
  jobTitle: contactFields.jobTitle,
  companyId: contactFields.companyId,
  ownerUserId: contactFields.ownerUserId,
  lifecycleStage: contactFields.lifecycleStage.optional(),
  tags: contactFields.tags.optional(),
  customFields: contactFields.customFields.optional(),
});
export type ContactUpdateInput = z.input<typeof contactUpdateInput>;

export const CONTACT_SORT_FIELDS = ["name", "created", "updated", "score"] as const;
export const contactSortSchema = z.object({ field: z.enum(CONTACT_SORT_FIELDS).default("created"), direction: z.enum(["asc", "desc"]).default("desc") });

export const contactFilterSchema = z.object({
  search: z.string().trim().max(200).optional(),
  lifecycleStages: z.array(lifecycleStageSchema).max(7).optional(),
  /** A member's user id, or "none" for contacts nobody owns. */
  ownerUserId: z.union([idSchema, z.literal("none")]).optional(),
  tag: tagSchema.optional(),
  companyId: idSchema.optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const contactListInput = contactFilterSchema.extend({
  sort: contactSortSchema.default({ field: "created", direction: "desc" }),
  /** Opaque: the position after the last row of the previous page (nextCursor). */
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const contactIdInput = z.object({ contactId: idSchema });
export const contactIdsInput = z.object({ contactIds: z.array(idSchema).min(1).max(1000) });

export const contactBulkInput = z.object({
  contactIds: z.array(idSchema).min(1).max(1000),
  action: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("addTags"), tags: z.array(tagSchema).min(1).max(20) }),
    z.object({ kind: z.literal("removeTags"), tags: z.array(tagSchema).min(1).max(20) }),
    z.object({ kind: z.literal("setOwner"), ownerUserId: idSchema.nullable() }),
  ]),
});

export const TIMELINE_KINDS = [
  "NOTE",
  "CALL",
  "MEETING",
  "EMAIL_SENT",
  "EMAIL_OPENED",
  "EMAIL_CLICKED",
  "FORM_SUBMITTED",
  "PAGE_VISITED",
  "STAGE_CHANGED",
  "DEAL_CREATED",
  "DEAL_WON",
  "DEAL_LOST",
  "TASK_CREATED",
  "TASK_DONE",
  "CONTACT_CREATED",
  "FIELD_CHANGED",
  "MERGED",
  "IMPORTED",
  "CONSENT_CHANGED",
  "SOCIAL_COMMENT",
] as const;

export const timelineQuery = {
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(20).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(30),
};
export const contactTimelineInput = z.object({ contactId: idSchema, ...timelineQuery });

export const noteHtmlSchema = z.string().trim().min(1, "Write something first.").max(50_000, "Notes have at most 50,000 characters.");
export const callSummarySchema = z.string().trim().min(1, "Say what the call was about.").max(5_000);
export const callFields = { summary: callSummarySchema, durationMinutes: z.number().int().min(0).max(1440).optional(), outcome: z.string().trim().max(200).optional() };
export const meetingFields = { summary: callSummarySchema, at: z.iso.datetime().max(40).optional() };

export const contactNoteInput = z.object({ contactId: idSchema, html: noteHtmlSchema });
export const contactCallInput = z.object({ contactId: idSchema, ...callFields });
export const contactMeetingInput = z.object({ contactId: idSchema, ...meetingFields });

export const CONSENT_CHANNELS = ["EMAIL", "SMS", "WHATSAPP"] as const;
export const CONSENT_METHODS = ["manual", "form", "import", "unsubscribe_link", "api", "double_opt_in"] as const;
export const consentRecordInput = z.object({
  contactId: idSchema,
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z.string().trim().min(1).max(100).default("marketing"),
  status: z.enum(["GRANTED", "WITHDRAWN"]),
  wordingVersion: z.string().trim().max(100).optional(),
  wording: z.string().trim().max(5_000).optional(),
  method: z.enum(CONSENT_METHODS).default("manual"),
});
export const consentHistoryInput = z.object({ contactId: idSchema, limit: z.number().int().min(1).max(200).default(50) });
