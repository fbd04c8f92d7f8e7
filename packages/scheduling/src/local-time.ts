import { Temporal } from "temporal-polyfill";

/** A wall-clock date and time without a zone, minute precision: "YYYY-MM-DDTHH:mm". */
export type LocalDateTime = string;

/** A wall-clock time of day, minute precision: "HH:mm". */
export type LocalTimeOfDay = string;

/** Which instant to take when a wall-clock time happens twice (fall-back overlap). */
export type Disambiguation = "earlier" | "later";

export const LOCAL_DATE_TIME_REGEX = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;
export const LOCAL_TIME_OF_DAY_REGEX = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a well-formed "YYYY-MM-DDTHH:mm" that names a real calendar date (no Feb 30). */
export function isValidLocalDateTime(value: unknown): value is LocalDateTime {
  if (typeof value !== "string" || !LOCAL_DATE_TIME_REGEX.test(value)) return false;
  try {
    Temporal.PlainDateTime.from(value, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

export function isValidLocalTimeOfDay(value: unknown): value is LocalTimeOfDay {
  return typeof value === "string" && LOCAL_TIME_OF_DAY_REGEX.test(value);
}

export function parseLocalDateTime(value: string): Temporal.PlainDateTime {
  if (!isValidLocalDateTime(value)) {
    throw new RangeError(`Invalid local date-time "${value}": expected "YYYY-MM-DDTHH:mm" on a real calendar date.`);
  }
  return Temporal.PlainDateTime.from(value, { overflow: "reject" });
}

export function parseLocalTimeOfDay(value: string): Temporal.PlainTime {
  if (!isValidLocalTimeOfDay(value)) {
    throw new RangeError(`Invalid local time "${value}": expected "HH:mm" (24-hour clock).`);
  }
  return Temporal.PlainTime.from(value);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** Formats to "YYYY-MM-DDTHH:mm"; seconds are dropped because scheduling works in whole minutes. */
export function formatLocalDateTime(dt: Temporal.PlainDateTime | Temporal.ZonedDateTime): LocalDateTime {
  return `${pad(dt.year, 4)}-${pad(dt.month)}-${pad(dt.day)}T${pad(dt.hour)}:${pad(dt.minute)}`;
}

/**
 * Moves a wall-clock time by whole days (calendar drag and drop) keeping the time of day.
 * The result is still a local time: the caller resolves it again so the target day's DST rules apply.
 */
export function shiftLocalDays(localTime: LocalDateTime, days: number): LocalDateTime {
  if (!Number.isInteger(days)) throw new RangeError(`Days to shift must be a whole number, got ${days}.`);
  return formatLocalDateTime(parseLocalDateTime(localTime).add({ days }));
}
