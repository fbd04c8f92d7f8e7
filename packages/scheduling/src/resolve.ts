import { Temporal } from "temporal-polyfill";
import { formatLocalDateTime, parseLocalDateTime, type Disambiguation, type LocalDateTime } from "./local-time";
import { assertTimeZone, plainSpaces, toDate, zoneAbbreviation } from "./time-zone";

export interface ResolvedInstant {
  instant: Date;
  /** UTC offset in effect, e.g. "+05:30". */
  offset: string;
  /** Zone abbreviation at that instant, e.g. "EDT", or "GMT+9" where none is in use. */
  zoneName: string;
}

export type ResolveResult =
  | ({ kind: "ok" } & ResolvedInstant)
  | { kind: "gap"; suggestion: { localTime: LocalDateTime; instant: Date }; message: string }
  | {
      kind: "ambiguous";
      options: [{ disambiguation: "earlier" } & ResolvedInstant, { disambiguation: "later" } & ResolvedInstant];
      message: string;
    };

function describe(zdt: Temporal.ZonedDateTime): ResolvedInstant {
  const instant = toDate(zdt);
  return { instant, offset: zdt.offset, zoneName: zoneAbbreviation(zdt.timeZoneId, instant) };
}

// Wall-clock fields are printed through a UTC formatter so no zone can move them.
const wallClockTime = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", hour: "numeric", minute: "2-digit" });
const wallClockDate = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  weekday: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
});

function asUtcFields(pdt: Temporal.PlainDateTime): Date {
  return new Date(Date.UTC(pdt.year, pdt.month - 1, pdt.day, pdt.hour, pdt.minute));
}

function timeText(pdt: Temporal.PlainDateTime): string {
  return plainSpaces(wallClockTime.format(asUtcFields(pdt)));
}

function dateTimeText(pdt: Temporal.PlainDateTime): string {
  return `${timeText(pdt)} on ${wallClockDate.format(asUtcFields(pdt))}`;
}

function durationText(nanoseconds: number): string {
  const minutes = Math.round(Math.abs(nanoseconds) / 60e9);
  if (minutes === 60) return "an hour";
  if (minutes % 60 === 0) return `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** The first whole minute at or after `zdt`, so a suggestion is never inside the gap. */
function ceilToMinute(zdt: Temporal.ZonedDateTime): Temporal.ZonedDateTime {
  const floored = zdt.round({ smallestUnit: "minute", roundingMode: "floor" });
  return Temporal.ZonedDateTime.compare(floored, zdt) === 0 ? zdt : floored.add({ minutes: 1 });
}

function gapResult(zone: string, requested: Temporal.PlainDateTime): ResolveResult {
  // "earlier" lands before the transition, so the next transition from there is the one that made the gap.
  const before = requested.toZonedDateTime(zone, { disambiguation: "earlier" });
  const transition = before.getTimeZoneTransition("next");
  if (!transition) throw new RangeError(`No time zone transition found around ${formatLocalDateTime(requested)} in ${zone}.`);
  const suggestion = ceilToMinute(transition);
  const lastBefore = transition.subtract({ nanoseconds: 1 });
  const gapNs = transition.offsetNanoseconds - lastBefore.offsetNanoseconds;
  const gapStart = transition.toPlainDateTime().subtract({ nanoseconds: gapNs });
  const nameBefore = zoneAbbreviation(zone, toDate(lastBefore));
  const nameAfter = zoneAbbreviation(zone, toDate(transition));
  const change = nameBefore === nameAfter ? "" : ` (${nameBefore} to ${nameAfter})`;
  return {
    kind: "gap",
    suggestion: { localTime: formatLocalDateTime(suggestion), instant: toDate(suggestion) },
    message:
      `${dateTimeText(requested)} does not exist in ${zone}: clocks go forward ${durationText(gapNs)} ` +
      `from ${timeText(gapStart)} to ${timeText(transition.toPlainDateTime())}${change}. ` +
      `The first valid time after the gap is ${timeText(suggestion.toPlainDateTime())} ${nameAfter}.`,
  };
}

export type LocalTimeClass =
  | { kind: "ok"; zdt: Temporal.ZonedDateTime }
  | { kind: "gap"; earlier: Temporal.ZonedDateTime; later: Temporal.ZonedDateTime }
  | { kind: "ambiguous"; earlier: Temporal.ZonedDateTime; later: Temporal.ZonedDateTime };

/** Cheap classification (no labels or messages) for bulk callers; `zone` must be validated already. */
export function classifyLocalTime(zone: string, pdt: Temporal.PlainDateTime): LocalTimeClass {
  const earlier = pdt.toZonedDateTime(zone, { disambiguation: "earlier" });
  const later = pdt.toZonedDateTime(zone, { disambiguation: "later" });
  if (Temporal.ZonedDateTime.compare(earlier, later) === 0) return { kind: "ok", zdt: earlier };
  // In a gap neither candidate shows the requested wall clock; in an overlap both do.
  return earlier.toPlainDateTime().equals(pdt) ? { kind: "ambiguous", earlier, later } : { kind: "gap", earlier, later };
}

/**
 * Resolves a wall-clock time in an IANA zone to one instant, explicitly:
 * - a time in a spring-forward gap is refused with the first valid time after it (never shifted silently);
 * - a time in a fall-back overlap returns both candidates unless `disambiguation` picks one.
 * Throws RangeError for an unknown zone or a malformed local time.
 */
export function resolveLocalTime(timezone: string, localTime: LocalDateTime, disambiguation?: Disambiguation): ResolveResult {
  const zone = assertTimeZone(timezone);
  const requested = parseLocalDateTime(localTime);
  const c = classifyLocalTime(zone, requested);
  if (c.kind === "ok") return { kind: "ok", ...describe(c.zdt) };
  if (c.kind === "gap") return gapResult(zone, requested);
  const { earlier, later } = c;
  if (disambiguation) return { kind: "ok", ...describe(disambiguation === "earlier" ? earlier : later) };
  const first = describe(earlier);
  const second = describe(later);
  const backBy = durationText((later.epochMilliseconds - earlier.epochMilliseconds) * 1e6);
  return {
    kind: "ambiguous",
    options: [
      { disambiguation: "earlier", ...first },
      { disambiguation: "later", ...second },
    ],
    message:
      `${dateTimeText(requested)} happens twice in ${zone} because clocks go back ${backBy}: ` +
      `first in ${first.zoneName} (UTC${first.offset}), then again in ${second.zoneName} (UTC${second.offset}). ` +
      `Choose the earlier or the later one.`,
  };
}
