import { z } from "zod";
import { ROLES } from "../rbac";

const TIME_ZONES = new Set<string>([...Intl.supportedValuesOf("timeZone"), "UTC"]);

export const timezoneSchema = z.string().refine((tz) => TIME_ZONES.has(tz), { message: "Choose a valid IANA time zone, such as Europe/London." });
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address." }));
export const roleSchema = z.enum(ROLES);
export const idSchema = z.uuid({ message: "Invalid id." });

export function listTimeZones(): string[] {
  return [...TIME_ZONES].sort();
}
