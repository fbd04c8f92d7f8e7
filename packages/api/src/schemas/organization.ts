import { z } from "zod";
import { timezoneSchema } from "./common";

export const organizationNameSchema = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(48, "Use at most 48 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.");

/** First path segments the app uses for its own pages; no organization may take one. */
export const RESERVED_SLUGS = new Set(["api", "sign-in", "sign-up", "onboarding", "invite", "dev", "settings", "_next", "admin", "app", "auth", "static", "dashboard", "health", "pricing", "status", "account", "sandbox", "submit", "confirm"]);

const industrySchema = z.string().trim().max(80).optional().nullable();
const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(2, "Use a two-letter country code, such as GB.")
  .regex(/^[A-Z]{2}$/, "Use a two-letter country code, such as GB.")
  .optional()
  .nullable();

export const createOrganizationInput = z.object({
  name: organizationNameSchema,
  kind: z.enum(["BUSINESS", "AGENCY"]),
  slug: slugSchema.optional(),
  timezone: timezoneSchema,
  industry: industrySchema,
  country: countrySchema,
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export const createClientInput = z.object({
  name: organizationNameSchema,
  slug: slugSchema.optional(),
  timezone: timezoneSchema,
  industry: industrySchema,
});
export type CreateClientInput = z.infer<typeof createClientInput>;

export const updateSettingsInput = z.object({
  name: organizationNameSchema,
  timezone: timezoneSchema,
  industry: industrySchema,
  country: countrySchema,
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
