import { z } from "zod";
import { idSchema } from "../common";
import { callFields, meetingFields, noteHtmlSchema, timelineQuery } from "./contacts";
import { customFieldValuesSchema } from "./custom-fields";

export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-1000", "1000+"] as const;

export const companyAddressSchema = z.object({
  line1: z.string().trim().max(200).optional(),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
});

const companyFields = {
  name: z.string().trim().min(1, "Give the company a name.").max(200),
  /** A website, host or domain; stored as its registrable domain ("https://shop.acme.co.uk" → "acme.co.uk"). */
  domain: z.string().trim().max(300).nullish(),
  industry: z.string().trim().max(100).nullish(),
  size: z.enum(COMPANY_SIZES).nullish(),
  country: z
    .string()
    .trim()
    .max(2)
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use a two-letter country code, such as GB.")
    .nullish(),
  address: companyAddressSchema.optional(),
  ownerUserId: idSchema.nullish(),
  customFields: customFieldValuesSchema.optional(),
};

export const companyCreateInput = z.object(companyFields);
export type CompanyCreateInput = z.input<typeof companyCreateInput>;
export const companyUpdateInput = z.object({ companyId: idSchema, ...companyFields, name: companyFields.name.optional() });

export const COMPANY_SORT_FIELDS = ["name", "created", "updated"] as const;
export const companyListInput = z.object({
  search: z.string().trim().max(200).optional(),
  ownerUserId: z.union([idSchema, z.literal("none")]).optional(),
  industry: z.string().trim().max(100).optional(),
  sort: z.object({ field: z.enum(COMPANY_SORT_FIELDS).default("name"), direction: z.enum(["asc", "desc"]).default("asc") }).default({ field: "name", direction: "asc" }),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const companyIdInput = z.object({ companyId: idSchema });
export const companyIdsInput = z.object({ companyIds: z.array(idSchema).min(1).max(1000) });
export const companyTimelineInput = z.object({ companyId: idSchema, ...timelineQuery });
export const companyNoteInput = z.object({ companyId: idSchema, html: noteHtmlSchema });
export const companyCallInput = z.object({ companyId: idSchema, ...callFields });
export const companyMeetingInput = z.object({ companyId: idSchema, ...meetingFields });
