import { Temporal } from "temporal-polyfill";
import { formatLocalDateTime, type LocalDateTime } from "./local-time";

const FIXED_OFFSET_ZONE = /^[+-]\d{2}(:?\d{2})?$/;

/**
 * Returns the zone's identifier as Temporal spells it, or throws a RangeError naming the bad value.
 * Fixed offsets ("+05:00") are refused: a stored offset silently goes wrong at the next DST change.
 */
export function assertTimeZone(timezone: string): string {
  if (typeof timezone !== "string" || timezone.trim() === "" || FIXED_OFFSET_ZONE.test(timezone.trim())) {
    throw new RangeError(`Invalid time zone "${String(timezone)}": expected an IANA zone name such as "Europe/London".`);
  }
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timezone).timeZoneId;
  } catch {
    throw new RangeError(`Unknown time zone "${timezone}": expected an IANA zone name such as "Europe/London".`);
  }
}

export function toZoned(instant: Date, timezone: string): Temporal.ZonedDateTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date.");
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(assertTimeZone(timezone));
}

export function toDate(zdt: Temporal.ZonedDateTime): Date {
  return new Date(zdt.epochMilliseconds);
}

/** The wall-clock time (minute precision) that `instant` shows in `timezone`. */
export function toLocalTime(instant: Date, timezone: string): LocalDateTime {
  return formatLocalDateTime(toZoned(instant, timezone));
}

// CLDR only gives a zone its abbreviation in locales where it is in common use (EST in en-US,
// BST in en-GB, AEST in en-AU, IST in en-IN), so several English locales are tried in turn.
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "en-IE", "en-ZA", "en-SG", "en-CA", "en-NZ"];
const OFFSET_STYLE_NAME = /^(GMT|UTC)[+\-\u2212]/;
const formatterCache = new Map<string, Intl.DateTimeFormat>();

function cachedFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/**
 * ICU puts narrow or no-break spaces before "AM"/"PM" in some engines and not in others; plain
 * spaces keep server- and browser-rendered labels identical.
 */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ");
}

function shortZoneName(locale: string, timezone: string, instant: Date): string {
  const parts = cachedFormatter(locale, { timeZone: timezone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
}

/** "EDT", "BST", "AEST", "IST"; "GMT+9" style only where no English locale has an abbreviation. */
export function zoneAbbreviation(timezone: string, instant: Date): string {
  const zone = assertTimeZone(timezone);
  let fallback = "";
  for (const locale of ABBREVIATION_LOCALES) {
    const name = shortZoneName(locale, zone, instant);
    if (name && !OFFSET_STYLE_NAME.test(name)) return name;
    if (!fallback) fallback = name;
  }
  return fallback || `UTC${toZoned(instant, zone).offset}`;
}

/** The UTC offset in effect, "+05:30" / "-04:00" (Temporal's spelling). */
export function zoneOffset(timezone: string, instant: Date): string {
  return toZoned(instant, timezone).offset;
}

/** "EDT (UTC-04:00)", or just "UTC+09:00" when the zone has no abbreviation. */
export function zoneOffsetLabel(timezone: string, instant: Date): string {
  const offset = `UTC${zoneOffset(timezone, instant)}`;
  const name = zoneAbbreviation(timezone, instant);
  return OFFSET_STYLE_NAME.test(name) || name === "UTC" ? offset : `${name} (${offset})`;
}

export interface FormatZonedOptions {
  /** BCP 47 locale for the date and time; the zone abbreviation is always the English one. */
  locale?: string;
  weekday?: boolean;
  year?: boolean;
  hour12?: boolean;
}

/** A label such as "Sun, Mar 8, 2026, 3:00 AM EDT": the zone is always part of it. */
export function formatZoned(instant: Date, timezone: string, opts: FormatZonedOptions = {}): string {
  const zone = assertTimeZone(timezone);
  const formatter = cachedFormatter(opts.locale ?? "en-US", {
    timeZone: zone,
    weekday: opts.weekday === false ? undefined : "short",
    year: opts.year === false ? undefined : "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hour12: opts.hour12,
  });
  return plainSpaces(`${formatter.format(instant)} ${zoneAbbreviation(zone, instant)}`);
}
