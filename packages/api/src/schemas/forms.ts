import { z } from "zod";
import { idSchema } from "./common";

/**
 * Lead forms as data (docs/lead-capture.md, "Forms and intake"): one schema for the builder in
 * apps/web and the forms router's `.input()`. What a visitor sends is checked against the stored
 * definition by services/lead-forms/validate.ts, never by these.
 */

export const FORM_FIELD_KINDS = ["text", "email", "phone", "select", "multiselect", "checkbox", "date", "hidden", "textarea"] as const;
export type FormFieldKind = (typeof FORM_FIELD_KINDS)[number];

export const FORM_FIELD_KIND_LABELS: Record<FormFieldKind, string> = {
  text: "Short text",
  email: "Email",
  phone: "Phone",
  select: "Dropdown",
  multiselect: "Multiple choice",
  checkbox: "Checkbox",
  date: "Date",
  hidden: "Hidden value",
  textarea: "Long text",
};

/** Contact fields a form field can fill; each accepts only some kinds. */
export const CONTACT_FIELD_TARGETS = ["firstName", "lastName", "email", "phone", "jobTitle", "companyName"] as const;
export type ContactFieldTarget = (typeof CONTACT_FIELD_TARGETS)[number];

export const CONTACT_FIELD_LABELS: Record<ContactFieldTarget, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  jobTitle: "Job title",
  companyName: "Company name",
};

export const CONTACT_FIELD_KINDS: Record<ContactFieldTarget, readonly FormFieldKind[]> = {
  firstName: ["text", "hidden"],
  lastName: ["text", "hidden"],
  email: ["email"],
  phone: ["phone"],
  jobTitle: ["text", "select", "hidden"],
  companyName: ["text", "hidden"],
};

/** Custom field types (schemas/crm/custom-fields) a field kind may write. */
export const CUSTOM_FIELD_KINDS: Record<FormFieldKind, readonly string[]> = {
  text: ["TEXT", "URL"],
  textarea: ["LONG_TEXT", "TEXT"],
  email: ["EMAIL", "TEXT"],
  phone: ["PHONE", "TEXT"],
  select: ["SINGLE_SELECT", "TEXT"],
  multiselect: ["MULTI_SELECT"],
  checkbox: ["BOOLEAN"],
  date: ["DATE"],
  hidden: ["TEXT"],
};

/** Character-class presets instead of free patterns (no regex a tenant writes ever runs). */
export const VALIDATION_PRESETS = ["none", "letters", "digits", "alphanumeric", "url"] as const;
export type ValidationPreset = (typeof VALIDATION_PRESETS)[number];
export const VALIDATION_PRESET_LABELS: Record<ValidationPreset, string> = {
  none: "Anything",
  letters: "Letters, spaces and - ' only",
  digits: "Digits only",
  alphanumeric: "Letters and digits only",
  url: "A web address (https://…)",
};

const text = (max: number) => z.string().trim().max(max);
const fieldId = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "Field keys are lowercase letters, digits and _ (up to 40), starting with a letter." })
  .refine((v) => !v.startsWith("_"), { message: "Field keys may not start with _." });

export const fieldMappingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("contact"), field: z.enum(CONTACT_FIELD_TARGETS) }),
  z.object({ kind: z.literal("custom"), definitionId: idSchema }),
  z.object({ kind: z.literal("none") }),
]);
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const fieldOptionSchema = z.object({ value: text(100).min(1, { message: "An option needs a value." }), label: text(200).min(1, { message: "An option needs a label." }) });

export const formFieldSchema = z
  .object({
    id: fieldId,
    kind: z.enum(FORM_FIELD_KINDS),
    label: text(200).min(1, { message: "Every field needs a label." }),
    required: z.boolean(),
    helpText: text(500).optional(),
    placeholder: text(200).optional(),
    options: z.array(fieldOptionSchema).max(100).optional(),
    /** Hidden fields: the value, or `?param` to take it from the page's query string. */
    defaultValue: text(500).optional(),
    /** Phone fields: the country a number without +code is read in (ISO 3166-1 alpha-2). */
    defaultCountry: z.string().max(2).regex(/^[A-Z]{2}$/).optional(),
    mapsTo: fieldMappingSchema,
    validation: z
      .object({
        minLength: z.number().int().min(0).max(5_000).optional(),
        maxLength: z.number().int().min(1).max(5_000).optional(),
        preset: z.enum(VALIDATION_PRESETS).optional(),
      })
      .optional(),
  })
  .superRefine((field, ctx) => {
    if ((field.kind === "select" || field.kind === "multiselect") && (field.options?.length ?? 0) === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `“${field.label}” needs at least one option.` });
    }
    if (field.mapsTo.kind === "contact" && !CONTACT_FIELD_KINDS[field.mapsTo.field].includes(field.kind)) {
      ctx.addIssue({ code: "custom", path: ["mapsTo"], message: `A ${FORM_FIELD_KIND_LABELS[field.kind].toLowerCase()} field cannot fill the contact's ${CONTACT_FIELD_LABELS[field.mapsTo.field].toLowerCase()}.` });
    }
    const v = field.validation;
    if (v?.minLength !== undefined && v.maxLength !== undefined && v.minLength > v.maxLength) {
      ctx.addIssue({ code: "custom", path: ["validation", "minLength"], message: "The minimum length is above the maximum." });
    }
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const formStepSchema = z.object({ title: text(200).optional(), fields: z.array(formFieldSchema).max(50) });

export const formDefinitionSchema = z
  .object({
    steps: z.array(formStepSchema).min(1).max(10),
    submitLabel: text(60).min(1).default("Send"),
  })
  .superRefine((def, ctx) => {
    const ids = new Set<string>();
    const targets = new Set<string>();
    def.steps.forEach((step, s) =>
      step.fields.forEach((field, f) => {
        if (ids.has(field.id)) ctx.addIssue({ code: "custom", path: ["steps", s, "fields", f, "id"], message: `Two fields use the key “${field.id}”.` });
        ids.add(field.id);
        const target = field.mapsTo.kind === "contact" ? `c:${field.mapsTo.field}` : field.mapsTo.kind === "custom" ? `x:${field.mapsTo.definitionId}` : null;
        if (target && targets.has(target)) ctx.addIssue({ code: "custom", path: ["steps", s, "fields", f, "mapsTo"], message: `Two fields fill the same contact field (“${field.label}”).` });
        if (target) targets.add(target);
      }),
    );
    const count = def.steps.reduce((n, s) => n + s.fields.length, 0);
    if (count === 0) ctx.addIssue({ code: "custom", path: ["steps"], message: "Add at least one field." });
    if (count > 100) ctx.addIssue({ code: "custom", path: ["steps"], message: "A form has at most 100 fields." });
    const identifies = def.steps.some((s) => s.fields.some((f) => f.mapsTo.kind === "contact" && (f.mapsTo.field === "email" || f.mapsTo.field === "phone")));
    if (!identifies) ctx.addIssue({ code: "custom", path: ["steps"], message: "Map a field to the contact's email or phone: that is how a lead becomes a contact." });
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

export const CONSENT_CHANNELS = ["EMAIL", "SMS", "WHATSAPP"] as const;
export const consentItemInput = z.object({
  /** Stable across edits (a new item gets a fresh key). */
  id: fieldId,
  channel: z.enum(CONSENT_CHANNELS),
  purpose: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, { message: "A purpose is a short lowercase key such as marketing or newsletter." }),
  wording: text(2_000).min(1, { message: "Write the exact wording the visitor agrees to." }),
  required: z.boolean(),
});
export type ConsentItemInput = z.infer<typeof consentItemInput>;

/** As stored: the version of the current wording and every earlier one (a consent record names its version). */
export const storedConsentSchema = consentItemInput.extend({
  version: z.number().int().min(1),
  /** Since when this wording is shown (ISO). */
  since: z.string(),
  previous: z.array(z.object({ version: z.number().int().min(1), wording: z.string(), since: z.string(), until: z.string() })).default([]),
});
export type StoredConsent = z.infer<typeof storedConsentSchema>;

/** https, or a path on the site (never `//host`, never javascript:). */
export const thankYouUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((v) => (v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\")) || /^https:\/\/[^\s/]+/i.test(v), { message: "Use an https:// address or a path starting with /." })
  .refine((v) => !/[\s<>"]/.test(v), { message: "The address contains spaces or characters that are not allowed." });

export const thankYouSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("message"), message: text(2_000).min(1, { message: "Write a thank-you message." }) }),
  z.object({ kind: z.literal("url"), url: thankYouUrlSchema }),
]);
export type ThankYou = z.infer<typeof thankYouSchema>;

export const formSlugSchema = z
  .string()
  .trim()
  .max(60)
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, { message: "Use lowercase letters, digits and dashes (up to 60)." });

export const formWriteInput = z.object({
  name: text(200).min(1, { message: "Give the form a name." }),
  slug: formSlugSchema,
  definition: formDefinitionSchema,
  consents: z
    .array(consentItemInput)
    .max(10)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: "Two consent items use the same key." }),
  doubleOptIn: z.boolean(),
  thankYou: thankYouSchema,
  ownerUserId: idSchema.nullable(),
  tags: z.array(text(50).min(1)).max(20).default([]),
});
export type FormWriteInput = z.infer<typeof formWriteInput>;

export const formIdInput = z.object({ formId: idSchema });
export const formUpdateInput = formWriteInput.extend({ formId: idSchema, /** The revision edited (a stale editor gets CONFLICT). */ revision: z.number().int().min(0) });
export const formListInput = z.object({ includeArchived: z.boolean().default(false) });
export const formArchiveInput = z.object({ formId: idSchema, archived: z.boolean() });
export const formDuplicateInput = z.object({ formId: idSchema });

export const SUBMISSION_STATUSES = ["RECEIVED", "PROCESSED", "FAILED"] as const;
export const submissionListInput = z.object({
  formId: idSchema,
  status: z.enum(SUBMISSION_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export const submissionReprocessInput = z.object({ formId: idSchema, submissionId: idSchema });
export const refusalStatsInput = z.object({ formId: idSchema, days: z.number().int().min(1).max(90).default(30) });
export const submissionExportInput = z.object({ formId: idSchema });

export const leadCaptureSettingsInput = z.object({
  turnstileSiteKey: z.string().trim().max(200).regex(/^[A-Za-z0-9_-]*$/, { message: "A Turnstile site key has letters, digits, - and _ only." }).nullable(),
  /** undefined: keep the stored secret; null: remove it. */
  turnstileSecret: z.string().trim().min(1).max(500).nullable().optional(),
  roundRobinUserIds: z.array(idSchema).max(100),
});
export type LeadCaptureSettingsInput = z.infer<typeof leadCaptureSettingsInput>;
