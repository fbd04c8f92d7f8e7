import { useSyncExternalStore } from "react";

/**
 * Calendar-date helpers for "YYYY-MM-DD" strings (campaign ranges, calendar cells). Dates are
 * handled as UTC midnights so no browser zone ever shifts them by a day.
 */

const MONTH_FORMAT = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const SHORT_DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function isoDateToUtc(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

export function utcToIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar date an instant falls on in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

export function formatIsoDate(isoDate: string, opts: { short?: boolean } = {}): string {
  return (opts.short ? SHORT_DAY_FORMAT : DAY_FORMAT).format(isoDateToUtc(isoDate));
}

export function formatDateRange(startsOn: string, endsOn: string): string {
  if (startsOn === endsOn) return formatIsoDate(startsOn);
  const sameYear = startsOn.slice(0, 4) === endsOn.slice(0, 4);
  return `${formatIsoDate(startsOn, { short: sameYear })} – ${formatIsoDate(endsOn)}`;
}

export function formatMonth(month: string): string {
  return MONTH_FORMAT.format(isoDateToUtc(`${month}-01`));
}

export function addDays(isoDate: string, days: number): string {
  return utcToIsoDate(new Date(isoDateToUtc(isoDate).getTime() + days * 86_400_000));
}

/** "2026-03" → "2026-04" (delta months). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((isoDateToUtc(to).getTime() - isoDateToUtc(from).getTime()) / 86_400_000);
}

/** Weeks (Monday first) covering `month` ("YYYY-MM"), each day as "YYYY-MM-DD". */
export function monthWeeks(month: string): string[][] {
  const first = isoDateToUtc(`${month}-01`);
  const isoWeekday = ((first.getUTCDay() + 6) % 7) + 1;
  let cursor = addDays(`${month}-01`, -(isoWeekday - 1));
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(cursor);
      cursor = addDays(cursor, 1);
    }
    weeks.push(week);
  } while (cursor.slice(0, 7) === month);
  return weeks;
}

export const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const WEEKDAY_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

function subscribeMinutes(onChange: () => void) {
  const timer = setInterval(onChange, 60_000);
  return () => clearInterval(timer);
}

/**
 * Today's date in `timeZone`, kept current; null while server-rendering (the clock is read after
 * hydration so server and browser always agree).
 */
export function useToday(timeZone: string): string | null {
  return useSyncExternalStore(
    subscribeMinutes,
    () => dateInZone(new Date(), timeZone),
    () => null,
  );
}

/** The current instant as epoch ms, refreshed every minute; null while server-rendering. */
export function useNowMinute(): number | null {
  return useSyncExternalStore(
    subscribeMinutes,
    () => Math.floor(Date.now() / 60_000) * 60_000,
    () => null,
  );
}
