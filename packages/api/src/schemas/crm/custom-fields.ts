import { z } from "zod";
import { idSchema } from "../common";

export const CRM_OBJECTS = ["CONTACT", "COMPANY", "DEAL"] as const;
export const crmObjectSchema = z.enum(CRM_OBJECTS);
export type CrmObjectName = (typeof CRM_OBJECTS)[number];

export const CUSTOM_FIELD_TYPES = ["TEXT", "LONG_TEXT", "NUMBER", "CURRENCY", "DATE", "BOOLEAN", "SINGLE_SELECT", "MULTI_SELECT", "URL", "EMAIL", "PHONE"] as const;
export const customFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES);
export type CustomFieldTypeName = (typeof CUSTOM_FIELD_TYPES)[number];

export const CUSTOM_FIELD_TYPE_LABELS: Record<CustomFieldTypeName, string> = {
  TEXT: "Text",
  LONG_TEXT: "Long text",
  NUMBER: "Number",
  CURRENCY: "Currency",
  DATE: "Date",
  BOOLEAN: "Yes / no",
  SINGLE_SELECT: "Single select",
  MULTI_SELECT: "Multi select",
  URL: "URL",
  EMAIL: "Email",
  PHONE: "Phone",
};

/**
 * A custom field's value as the API carries it: text types and single select (the option id) are
 * strings, NUMBER a number, CURRENCY an integer of minor units, DATE "YYYY-MM-DD", BOOLEAN a
 * boolean, MULTI_SELECT option ids. `null` clears the value.
 */
export const customFieldValueSchema = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.array(z.string().max(100)).max(100), z.null()]);
export type CustomFieldValueInput = z.infer<typeof customFieldValueSchema>;

/** Values keyed by field id. */
const MAX_CUSTOM_FIELDS_AT_ONCE = 200;
export const customFieldValuesSchema = z
  .record(idSchema, customFieldValueSchema)
  .refine((v) => Object.keys(v).length <= MAX_CUSTOM_FIELDS_AT_ONCE, { message: `At most ${MAX_CUSTOM_FIELDS_AT_ONCE} custom fields at once.` })
  // Declared for the boundary suite's schema walk: the refine above is what enforces it.
  .meta({ maxProperties: MAX_CUSTOM_FIELDS_AT_ONCE });

export const fieldOptionSchema = z.object({
  /** Stable: values store it, so renaming the label never loses them. Omitted for a new option. */
  id: z.string().max(40).regex(/^[A-Za-z0-9_-]+$/).optional(),
  label: z.string().trim().min(1, "Give the option a name.").max(100),
  color: z
    .string()
    .max(7)
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  archived: z.boolean().optional(),
});
export type FieldOption = { id: string; label: string; color?: string; archived?: boolean };

const labelSchema = z.string().trim().min(1, "Give the field a name.").max(80, "Use at most 80 characters.");
const currencySchema = z
  .string()
  .trim()
  .max(3)
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter currency code, such as EUR.");

export const fieldListInput = z.object({ object: crmObjectSchema, includeArchived: z.boolean().default(false) });

export const fieldCreateInput = z.object({
  object: crmObjectSchema,
  label: labelSchema,
  type: customFieldTypeSchema,
  options: z.array(fieldOptionSchema).max(200).default([]),
  currency: currencySchema.optional(),
});

export const fieldUpdateInput = z.object({
  fieldId: idSchema,
  label: labelSchema.optional(),
  /** The full option list: existing options by id (renamed, archived), new ones without. */
  options: z.array(fieldOptionSchema).max(200).optional(),
  currency: currencySchema.optional(),
});

export const fieldArchiveInput = z.object({ fieldId: idSchema, archived: z.boolean().default(true) });
export const fieldReorderInput = z.object({ object: crmObjectSchema, fieldIds: z.array(idSchema).min(1).max(500) });
