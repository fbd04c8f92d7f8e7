import { Temporal } from "temporal-polyfill";
import { formatLocalDateTime, parseLocalDateTime, type LocalDateTime } from "./local-time";
import { RRule } from "./rrule-interop";
import { classifyLocalTime } from "./resolve";
import { assertTimeZone, toDate, toLocalTime } from "./time-zone";

/** Hard cap on occurrences returned by one expansion, whatever `limit` asks for. */
export const MAX_OCCURRENCES = 1000;
/** Cap on candidates walked per expansion, so an unbounded or never-matching rule cannot spin. */
const MAX_CANDIDATES = 200_000;

const ALLOWED_FREQ = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"] as const;
const WEEKDAY = "(MO|TU|WE|TH|FR|SA|SU)";
const UNTIL_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

type Check = (value: string) => string | null;

function intList(min: number, max: number, signed: boolean): Check {
  return (value) => {
    for (const item of value.split(",")) {
      if (!/^[+-]?\d{1,3}$/.test(item)) return `"${item}" is not a whole number`;
      const n = Number(item);
      if ((!signed && /^[+-]/.test(item)) || Math.abs(n) < min || Math.abs(n) > max || (!signed && n < min)) {
        return `${item} is out of range (${signed ? `±${min}..${max}` : `${min}..${max}`})`;
      }
    }
    return null;
  };
}

const PROPERTY_CHECKS: Record<string, Check> = {
  FREQ: (v) =>
    (ALLOWED_FREQ as readonly string[]).includes(v)
      ? null
      : v === "MINUTELY" || v === "SECONDLY"
        ? `FREQ=${v} is not supported: posts can repeat at most hourly`
        : `unknown frequency "${v}"`,
  UNTIL: (v) => (UNTIL_VALUE.test(v) ? null : `"${v}" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])`),
  COUNT: (v) => (/^\d{1,6}$/.test(v) && Number(v) >= 1 ? null : `COUNT must be a positive whole number`),
  INTERVAL: (v) => (/^\d{1,4}$/.test(v) && Number(v) >= 1 ? null : `INTERVAL must be a positive whole number`),
  BYSECOND: (v) => (v === "0" ? null : "BYSECOND is not supported: posts are scheduled to the minute"),
  BYMINUTE: intList(0, 59, false),
  BYHOUR: intList(0, 23, false),
  BYDAY: (v) =>
    v.split(",").every((item) => new RegExp(`^([+-]?([1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}$`).test(item))
      ? null
      : `"${v}" is not a list of weekdays such as MO,WE or 1MO,-1FR`,
  BYMONTHDAY: intList(1, 31, true),
  BYYEARDAY: intList(1, 366, true),
  BYWEEKNO: intList(1, 53, true),
  BYMONTH: intList(1, 12, false),
  BYSETPOS: intList(1, 366, true),
  WKST: (v) => (new RegExp(`^${WEEKDAY}$`).test(v) ? null : `"${v}" is not a weekday`),
};

export type ParsedRecurrenceRule = { ok: true; rule: string; properties: Record<string, string> } | { ok: false; error: string };

/**
 * Validates an RFC 5545 RRULE value without DTSTART (the start is stored as a local time apart),
 * e.g. "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10". An optional "RRULE:" prefix is accepted.
 * Unbounded rules are valid; their expansion is capped.
 */
export function parseRecurrenceRule(rule: string): ParsedRecurrenceRule {
  if (typeof rule !== "string") return { ok: false, error: "The recurrence rule must be text." };
  const body = rule.trim().replace(/^RRULE:/i, "");
  if (body === "") return { ok: false, error: "The recurrence rule is empty." };
  if (/[\r\n]/.test(body) || /(^|;)\s*DTSTART/i.test(body)) {
    return { ok: false, error: "Give only the RRULE value: the start date and time are set separately." };
  }
  const properties: Record<string, string> = {};
  for (const part of body.split(";")) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(part.trim());
    if (!match?.[1] || !match[2]) return { ok: false, error: `"${part}" is not a NAME=VALUE pair.` };
    const name = match[1].toUpperCase();
    const value = match[2].toUpperCase();
    const check = PROPERTY_CHECKS[name];
    if (!check) return { ok: false, error: `Unknown or unsupported rule property ${name}.` };
    if (name in properties) return { ok: false, error: `${name} appears more than once.` };
    const problem = check(value);
    if (problem) return { ok: false, error: `${name}: ${problem}.` };
    properties[name] = value;
  }
  if (!properties.FREQ) return { ok: false, error: "FREQ is required (for example FREQ=WEEKLY)." };
  if (properties.COUNT && properties.UNTIL) return { ok: false, error: "Use either COUNT or UNTIL, not both." };
  if (properties.BYWEEKNO && properties.FREQ !== "YEARLY") return { ok: false, error: "BYWEEKNO is only allowed with FREQ=YEARLY." };
  if (properties.BYYEARDAY && ["DAILY", "WEEKLY", "MONTHLY"].includes(properties.FREQ)) {
    return { ok: false, error: `BYYEARDAY is not allowed with FREQ=${properties.FREQ}.` };
  }
  if (properties.BYMONTHDAY && properties.FREQ === "WEEKLY") return { ok: false, error: "BYMONTHDAY is not allowed with FREQ=WEEKLY." };
  const normalized = Object.entries(properties)
    .map(([k, v]) => `${k}=${v}`)
    .join(";");
  return { ok: true, rule: normalized, properties };
}

function requireRule(rule: string): { rule: string; properties: Record<string, string> } {
  const parsed = parseRecurrenceRule(rule);
  if (!parsed.ok) throw new RangeError(`Invalid recurrence rule: ${parsed.error}`);
  return parsed;
}

/** Plain-English summary, e.g. "every week on Monday, Wednesday for 10 times". */
export function describeRecurrence(rule: string): string {
  const parsed = requireRule(rule);
  return RRule.fromString(parsed.rule).toText();
}

// rrule runs in "floating" time: a Date whose UTC fields are the local wall clock.
function floating(pdt: Temporal.PlainDateTime): Date {
  return new Date(Date.UTC(pdt.year, pdt.month - 1, pdt.day, pdt.hour, pdt.minute));
}

function fromFloating(date: Date): Temporal.PlainDateTime {
  return new Temporal.PlainDateTime(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes());
}

/** RFC 5545: UNTIL in UTC ("Z") is an instant, so it becomes the zone's wall clock; otherwise it is already local. */
function untilAsFloating(value: string, zone: string): Date {
  const m = UNTIL_VALUE.exec(value);
  if (!m) throw new RangeError(`Invalid UNTIL "${value}".`);
  const [, y, mo, d, h = "23", mi = "59", s = "59", z] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  if (z === "Z") return floating(parseLocalDateTime(toLocalTime(new Date(Date.UTC(...fields)), zone)));
  return new Date(Date.UTC(...fields));
}

export interface RecurrenceOccurrence {
  /** Wall-clock time the post goes out (after any DST adjustment). */
  localTime: LocalDateTime;
  /** Wall-clock time the rule asked for; differs from localTime only when gap-shifted. */
  nominalLocalTime: LocalDateTime;
  instant: Date;
  /** null: exact; "gap-shifted": did not exist, moved forward by the gap length (RFC 5545); "overlap-earlier": happened twice, first taken. */
  adjusted: null | "gap-shifted" | "overlap-earlier";
}

export interface ExpandRecurrenceInput {
  rule: string;
  timezone: string;
  /** First occurrence's wall-clock time (the rule's DTSTART, in `timezone`). */
  start: LocalDateTime;
  /** Only occurrences strictly after this instant. */
  after?: Date;
  /** Only occurrences at or before this instant. */
  until?: Date;
  /** At most this many occurrences (never more than MAX_OCCURRENCES). */
  limit: number;
}

// Zone offsets differ from UTC by well under two days, so a floating window widened by that
// margin never drops an occurrence; the exact instant filter runs after resolution.
const WINDOW_MARGIN_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Expands a rule in local wall-clock time, then resolves each occurrence in the zone, so
 * "09:00 every Monday" stays 09:00 local across DST while its UTC instant changes.
 */
export function expandRecurrence(input: ExpandRecurrenceInput): RecurrenceOccurrence[] {
  const zone = assertTimeZone(input.timezone);
  const parsed = requireRule(input.rule);
  if (!Number.isInteger(input.limit) || input.limit < 0) throw new RangeError("limit must be a non-negative whole number.");
  const limit = Math.min(input.limit, MAX_OCCURRENCES);
  if (limit === 0) return [];
  const start = parseLocalDateTime(input.start);
  const afterMs = input.after?.getTime();
  const untilMs = input.until?.getTime();
  if (afterMs !== undefined && Number.isNaN(afterMs)) throw new RangeError("after is an invalid Date.");
  if (untilMs !== undefined && Number.isNaN(untilMs)) throw new RangeError("until is an invalid Date.");

  const { UNTIL: ruleUntil, ...rest } = parsed.properties;
  const options = RRule.parseString(
    Object.entries(rest)
      .map(([k, v]) => `${k}=${v}`)
      .join(";"),
  );
  const rrule = new RRule({
    ...options,
    dtstart: floating(start),
    until: ruleUntil ? untilAsFloating(ruleUntil, zone) : null,
    tzid: null,
  });

  const windowStart = afterMs === undefined ? undefined : afterMs - WINDOW_MARGIN_MS;
  const windowEnd = untilMs === undefined ? undefined : untilMs + WINDOW_MARGIN_MS;
  const seen = new Set<number>();
  const out: RecurrenceOccurrence[] = [];
  let candidates = 0;

  rrule.all((date) => {
    candidates += 1;
    const t = date.getTime();
    if (windowEnd !== undefined && t > windowEnd) return false;
    if (windowStart === undefined || t >= windowStart) {
      const occurrence = resolveOccurrence(zone, fromFloating(date));
      const ms = occurrence.instant.getTime();
      const inWindow = (afterMs === undefined || ms > afterMs) && (untilMs === undefined || ms <= untilMs);
      // A gap-shifted occurrence can coincide with a real one of an hourly rule: post once.
      if (inWindow && !seen.has(ms)) {
        seen.add(ms);
        out.push(occurrence);
      }
    }
    return out.length < limit && candidates < MAX_CANDIDATES;
  });

  return out.sort((a, b) => a.instant.getTime() - b.instant.getTime()).slice(0, limit);
}

function resolveOccurrence(zone: string, pdt: Temporal.PlainDateTime): RecurrenceOccurrence {
  const nominalLocalTime = formatLocalDateTime(pdt);
  const c = classifyLocalTime(zone, pdt);
  if (c.kind === "ok") return { localTime: nominalLocalTime, nominalLocalTime, instant: toDate(c.zdt), adjusted: null };
  if (c.kind === "ambiguous") return { localTime: nominalLocalTime, nominalLocalTime, instant: toDate(c.earlier), adjusted: "overlap-earlier" };
  // RFC 5545 §3.3.5: a nonexistent local time is moved forward by the length of the gap, which is
  // what the "later" candidate is.
  return { localTime: formatLocalDateTime(c.later), nominalLocalTime, instant: toDate(c.later), adjusted: "gap-shifted" };
}
