/** Date/time in an organization's zone, with the zone named so nobody guesses. */
export function formatInZone(date: Date, timeZone: string, opts: { withZone?: boolean } = {}): string {
  const text = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
  if (opts.withZone === false) return text;
  return `${text} ${zoneAbbreviation(date, timeZone)}`;
}

/** "BST", "CET" where the locale has a name, otherwise "GMT+5:30". */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }).formatToParts(date).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

export function formatDate(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(date);
}

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago", "in 2 days", "just now". */
export function formatRelative(date: Date, now = Date.now()): string {
  const diff = date.getTime() - now;
  for (const [unit, ms] of STEPS) {
    if (Math.abs(diff) >= ms) return RELATIVE.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

export function daysUntil(date: Date, now = Date.now()): number {
  return Math.ceil((date.getTime() - now) / 86_400_000);
}

/**
 * Up to two letters for an avatar: "Olga Agency" → "OA", "Brightwave" → "B"; without a name, the
 * first letter of `fallback` (an email: "vera@…" → "V"); "?" when there is nothing to go on.
 */
export function initials(name: string | null | undefined, fallback = ""): string {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  const letters = words.length > 0 ? words.slice(0, 2).map((word) => Array.from(word)[0] ?? "") : [Array.from(fallback.trim())[0] ?? ""];
  return letters.join("").toUpperCase() || "?";
}

export function humanizeAction(action: string): string {
  const [scope = "", verb] = action.split(".");
  if (!verb) return action;
  const words = verb.replace(/([A-Z])/g, " $1").toLowerCase();
  return `${scope.charAt(0).toUpperCase()}${scope.slice(1)}: ${words}`;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - instant;
}

/** The instant a wall-clock time ("2026-03-29", 00:00) happens in `timeZone`, DST included. */
export function zonedWallTimeToDate(isoDate: string, timeZone: string, endOfDay = false): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const wall = endOfDay ? Date.UTC(y, m - 1, d, 23, 59, 59, 999) : Date.UTC(y, m - 1, d, 0, 0, 0, 0);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}
