import { Temporal } from "temporal-polyfill";
import { formatLocalDateTime, parseLocalTimeOfDay, type LocalDateTime, type LocalTimeOfDay } from "./local-time";
import { classifyLocalTime } from "./resolve";
import { assertTimeZone, toDate, toZoned } from "./time-zone";

/** A recurring weekly posting slot in the account's zone. weekday is ISO: Monday = 1 … Sunday = 7. */
export interface QueueSlot {
  weekday: number;
  localTime: LocalTimeOfDay;
}

export interface NextFreeSlotInput {
  slots: QueueSlot[];
  timezone: string;
  /** Instants already used by the account(s); a slot less than a minute from one is taken. */
  taken: Date[];
  /** Only slots strictly after this instant. */
  after: Date;
  horizonDays?: number;
}

const TAKEN_WINDOW_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

function isTaken(sortedTaken: number[], ms: number): boolean {
  // Binary search for the first taken instant not before ms - window.
  let lo = 0;
  let hi = sortedTaken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedTaken[mid] ?? Infinity) <= ms - TAKEN_WINDOW_MS) lo = mid + 1;
    else hi = mid;
  }
  const candidate = sortedTaken[lo];
  return candidate !== undefined && candidate < ms + TAKEN_WINDOW_MS;
}

/**
 * The first queue slot after `after` (within `horizonDays`) that no taken instant occupies.
 * A slot whose local time does not exist that day (DST gap) is skipped rather than moved;
 * one that happens twice (overlap) is the earlier instant.
 */
export function nextFreeSlot(input: NextFreeSlotInput): { localTime: LocalDateTime; instant: Date } | null {
  const zone = assertTimeZone(input.timezone);
  const horizonDays = input.horizonDays ?? 28;
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new RangeError("horizonDays must be a non-negative whole number.");
  const slots = input.slots.map((slot) => {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      throw new RangeError(`Invalid slot weekday ${slot.weekday}: expected 1 (Monday) to 7 (Sunday).`);
    }
    return { weekday: slot.weekday, time: parseLocalTimeOfDay(slot.localTime) };
  });
  slots.sort((a, b) => Temporal.PlainTime.compare(a.time, b.time));
  if (slots.length === 0) return null;

  const afterMs = input.after.getTime();
  const endMs = afterMs + horizonDays * DAY_MS;
  const taken = input.taken.map((d) => d.getTime()).filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
  const firstDay = toZoned(input.after, zone).toPlainDate();

  for (let offset = 0; offset <= horizonDays; offset += 1) {
    const day = firstDay.add({ days: offset });
    const candidates = slots
      .filter((slot) => slot.weekday === day.dayOfWeek)
      .flatMap((slot) => {
        const c = classifyLocalTime(zone, day.toPlainDateTime(slot.time));
        if (c.kind === "gap") return [];
        return [c.kind === "ok" ? c.zdt : c.earlier];
      })
      // Sorting by instant, not wall clock: across a fall-back hour the two orders can differ.
      .sort((a, b) => Temporal.ZonedDateTime.compare(a, b));
    for (const zdt of candidates) {
      const ms = zdt.epochMilliseconds;
      if (ms <= afterMs) continue;
      if (ms > endMs) return null;
      if (!isTaken(taken, ms)) return { localTime: formatLocalDateTime(zdt), instant: toDate(zdt) };
    }
  }
  return null;
}
