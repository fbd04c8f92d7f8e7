import { toLocalTime, zoneAbbreviation, zoneOffsetLabel } from "@mg/scheduling";

/**
 * Calendar arithmetic on plain dates ("YYYY-MM-DD") and wall-clock times ("YYYY-MM-DDTHH:mm") of
 * the organization's zone. Dates are handled as UTC fields only, so the browser's own zone never
 * moves a day; instants are only ever made by `@mg/scheduling` / the API.
 */
export type PlainDate = string;

const DAY_MS = 86_400_000;
export const DATE_REGEX = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function toUtc(date: PlainDate): Date {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(value: Date): PlainDate {
  return value.toISOString().slice(0, 10);
}

export function isPlainDate(value: unknown): value is PlainDate {
  return typeof value === "string" && DATE_REGEX.test(value) && fromUtc(toUtc(value)) === value;
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

export function addMonths(date: PlainDate, months: number): PlainDate {
  const d = toUtc(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtc(target);
}

export function daysBetween(from: PlainDate, to: PlainDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: PlainDate): number {
  return ((toUtc(date).getUTCDay() + 6) % 7) + 1;
}

/** Weeks start on Monday. */
export function startOfWeek(date: PlainDate): PlainDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function startOfMonth(date: PlainDate): PlainDate {
  return `${date.slice(0, 7)}-01`;
}

export function sameMonth(a: PlainDate, b: PlainDate): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/**
 * The days a month grid shows: six whole weeks from the Monday on or before the 1st, so the grid
 * never changes height and the day after the month's last day is always on it.
 */
export function monthGrid(date: PlainDate): PlainDate[] {
  const start = startOfWeek(startOfMonth(date));
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

/** Every day of the month `date` is in. */
export function monthDays(date: PlainDate): PlainDate[] {
  const first = startOfMonth(date);
  const count = daysBetween(first, addMonths(first, 1));
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

export function weekDays(date: PlainDate): PlainDate[] {
  const start = startOfWeek(date);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

export function datePart(localTime: string): PlainDate {
  return localTime.slice(0, 10);
}

/** "HH:mm" of a "YYYY-MM-DDTHH:mm". */
export function timePart(localTime: string): string {
  return localTime.slice(11, 16);
}

export function hourOf(localTime: string): number {
  return Number(localTime.slice(11, 13));
}

export function combine(date: PlainDate, time: string): string {
  return `${date}T${time}`;
}

/** Today's date in the zone — the one the organization is living in, not the browser's. */
export function todayIn(timezone: string, now = new Date()): PlainDate {
  return datePart(toLocalTime(now, timezone));
}

/**
 * An instant range that surely covers `[firstDay 00:00, lastDay 24:00)` in any zone (offsets stay
 * within ±14 h): asked of the API, then narrowed by each post's own local date.
 */
export function coveringRange(firstDay: PlainDate, lastDay: PlainDate): { from: Date; to: Date } {
  return { from: new Date(toUtc(firstDay).getTime() - DAY_MS), to: new Date(toUtc(lastDay).getTime() + 2 * DAY_MS) };
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
const longDayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short" });
const shortDayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

/** "March 2026" */
export function formatMonth(date: PlainDate): string {
  return monthFormat.format(toUtc(date));
}

/** "Mon 9 Mar" */
export function formatDay(date: PlainDate): string {
  return dayFormat.format(toUtc(date));
}

/** "Monday 9 March 2026" */
export function formatLongDay(date: PlainDate): string {
  return longDayFormat.format(toUtc(date));
}

export function formatWeekday(date: PlainDate): string {
  return weekdayFormat.format(toUtc(date));
}

/** "9 Mar – 15 Mar 2026" */
export function formatWeekRange(date: PlainDate): string {
  const start = startOfWeek(date);
  const end = addDays(start, 6);
  return `${shortDayFormat.format(toUtc(start))} – ${shortDayFormat.format(toUtc(end))} ${end.slice(0, 4)}`;
}

/** "Monday 9 March 2026, 09:30" — a wall-clock time as written, no zone arithmetic. */
export function formatLocalDateTimeLong(localTime: string): string {
  return `${formatLongDay(datePart(localTime))}, ${timePart(localTime)}`;
}

/** "Europe/London (BST)": the zone's name and what its clocks are on right now. */
export function zoneDescription(timezone: string, now = new Date()): string {
  const name = zoneAbbreviation(timezone, now);
  return name === timezone ? timezone : `${timezone} (${name})`;
}

/** "BST (UTC+01:00)" — for a tooltip or a detail line. */
export function zoneOffsetDetail(timezone: string, now = new Date()): string {
  return zoneOffsetLabel(timezone, now);
}

/** "09:00" for an hour of the day. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}
