import { z } from "zod";
import { ROLES } from "../rbac";

const TIME_ZONES = new Set<string>([...Intl.supportedValuesOf("timeZone"), "UTC"]);

/**
 * An IANA zone name as ICU knows it, including current names that ICU still lists under their
 * old canonical form (Asia/Kolkata for Asia/Calcutta, Europe/Kyiv for Europe/Kiev).
 * Abbreviations and raw offsets are refused: they have no DST rules.
 */
export function isIanaTimeZone(value: string): boolean {
  if (TIME_ZONES.has(value)) return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Column-sized limits shared by the schemas (the longest IANA zone name has 32 characters). */
export const MAX_TIME_ZONE_LENGTH = 64;
/** RFC 5321: an address longer than 254 characters cannot be delivered. */
export const MAX_EMAIL_LENGTH = 254;

export const timezoneSchema = z
  .string()
  .max(MAX_TIME_ZONE_LENGTH, { message: "Choose a valid IANA time zone, such as Europe/London." })
  .refine(isIanaTimeZone, { message: "Choose a valid IANA time zone, such as Europe/London." });
export const emailSchema = z
  .string()
  .trim()
  .max(MAX_EMAIL_LENGTH, { message: `Email addresses have at most ${MAX_EMAIL_LENGTH} characters.` })
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }));
export const roleSchema = z.enum(ROLES);
export const idSchema = z.uuid({ message: "Invalid id." });

export function listTimeZones(): string[] {
  return [...TIME_ZONES].sort();
}
