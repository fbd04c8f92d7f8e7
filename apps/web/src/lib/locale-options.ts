import { listTimeZones } from "@mg/api/schemas";
import type { ComboboxOption } from "~/components/combobox";

let timeZoneCache: ComboboxOption[] | undefined;

/** Offset right now, e.g. "GMT+05:30"; DST-aware because it is computed for today's date. */
export function utcOffset(timeZone: string, at = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName");
    return part?.value === "GMT" ? "GMT+00:00" : (part?.value ?? "");
  } catch {
    return "";
  }
}

/** Every IANA zone the API accepts, labelled with its current UTC offset. */
export function timeZoneOptions(): ComboboxOption[] {
  timeZoneCache ??= listTimeZones().map((tz) => ({ value: tz, label: tz.replaceAll("_", " "), hint: utcOffset(tz), keywords: tz }));
  return timeZoneCache;
}

/** The browser's own zone when the API accepts it, otherwise UTC. */
export function browserTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return listTimeZones().includes(tz) ? tz : "UTC";
  } catch {
    return "UTC";
  }
}

// Region codes that are not countries.
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "XK"]);
let countryCache: ComboboxOption[] | undefined;

/** ISO 3166 two-letter countries, named in English (from the runtime's own data, no list to ship). */
export function countryOptions(): ComboboxOption[] {
  if (countryCache) return countryCache;
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const out: ComboboxOption[] = [];
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code && !/unknown/i.test(name)) out.push({ value: code, label: name, hint: code, keywords: code });
    }
  }
  out.sort((x, y) => x.label.localeCompare(y.label));
  countryCache = out;
  return out;
}

export const INDUSTRY_SUGGESTIONS = [
  "Bakery & café",
  "Restaurant",
  "Retail",
  "Health clinic",
  "Dental",
  "Beauty & wellness",
  "Fitness",
  "Real estate",
  "Professional services",
  "Construction & trades",
  "Education",
  "Hospitality & travel",
  "Manufacturing",
  "Import & export",
  "Technology",
  "Non-profit",
  "Marketing agency",
];
