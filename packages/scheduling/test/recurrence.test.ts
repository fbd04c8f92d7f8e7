import { describe, expect, it } from "vitest";
import { MAX_OCCURRENCES, describeRecurrence, expandRecurrence, parseRecurrenceRule } from "../src/index";

const instants = (occ: { instant: Date }[]) => occ.map((o) => o.instant.toISOString());

describe("parseRecurrenceRule", () => {
  it("accepts RFC 5545 rules without DTSTART and normalizes them", () => {
    expect(parseRecurrenceRule("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10")).toEqual({
      ok: true,
      rule: "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10",
      properties: { FREQ: "WEEKLY", BYDAY: "MO,WE", COUNT: "10" },
    });
    expect(parseRecurrenceRule("RRULE:freq=monthly;byday=-1fr")).toMatchObject({ ok: true, rule: "FREQ=MONTHLY;BYDAY=-1FR" });
    expect(parseRecurrenceRule("FREQ=DAILY").ok).toBe(true);
    expect(parseRecurrenceRule("FREQ=HOURLY;INTERVAL=6;UNTIL=20261231T235959Z").ok).toBe(true);
  });

  it("rejects frequencies finer than hourly and malformed or contradictory rules", () => {
    const errorOf = (rule: string) => {
      const r = parseRecurrenceRule(rule);
      return r.ok ? "" : r.error;
    };
    expect(errorOf("FREQ=MINUTELY")).toMatch(/at most hourly/);
    expect(errorOf("FREQ=SECONDLY;COUNT=5")).toMatch(/at most hourly/);
    expect(errorOf("BYDAY=MO")).toMatch(/FREQ is required/);
    expect(errorOf("FREQ=FORTNIGHTLY")).toMatch(/unknown frequency/);
    expect(errorOf("FREQ=DAILY;FOO=1")).toMatch(/Unknown or unsupported rule property FOO/);
    expect(errorOf("FREQ=DAILY;BYDAY=XX")).toMatch(/BYDAY/);
    expect(errorOf("FREQ=DAILY;COUNT=0")).toMatch(/COUNT/);
    expect(errorOf("FREQ=DAILY;INTERVAL=0")).toMatch(/INTERVAL/);
    expect(errorOf("FREQ=DAILY;COUNT=3;UNTIL=20261231")).toMatch(/either COUNT or UNTIL/);
    expect(errorOf("FREQ=DAILY;BYHOUR=24")).toMatch(/out of range/);
    expect(errorOf("FREQ=DAILY;COUNT=2;COUNT=3")).toMatch(/more than once/);
    expect(errorOf("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY")).toMatch(/start date and time are set separately/);
    expect(errorOf("")).toMatch(/empty/);
  });

  it("describes rules in plain English and refuses invalid ones", () => {
    expect(describeRecurrence("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10")).toBe("every week on Monday, Wednesday for 10 times");
    expect(describeRecurrence("FREQ=DAILY")).toBe("every day");
    expect(() => describeRecurrence("FREQ=MINUTELY")).toThrow(RangeError);
  });
});

describe("expandRecurrence across DST", () => {
  it("keeps a weekly 09:00 Monday post at 09:00 New York time while its UTC instant moves (Mar 8 and Nov 1)", () => {
    const spring = expandRecurrence({ rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=3", timezone: "America/New_York", start: "2026-03-02T09:00", limit: 10 });
    expect(spring.map((o) => o.localTime)).toEqual(["2026-03-02T09:00", "2026-03-09T09:00", "2026-03-16T09:00"]);
    expect(instants(spring)).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
    expect(spring.every((o) => o.adjusted === null)).toBe(true);

    const autumn = expandRecurrence({ rule: "FREQ=WEEKLY;BYDAY=MO", timezone: "America/New_York", start: "2026-10-26T09:00", limit: 2 });
    expect(autumn.map((o) => o.localTime)).toEqual(["2026-10-26T09:00", "2026-11-02T09:00"]);
    expect(instants(autumn)).toEqual(["2026-10-26T13:00:00.000Z", "2026-11-02T14:00:00.000Z"]);
  });

  it("keeps 09:00 local in the southern hemisphere (Sydney, Apr 5 and Oct 4)", () => {
    const occ = expandRecurrence({ rule: "FREQ=WEEKLY;BYDAY=SU", timezone: "Australia/Sydney", start: "2026-03-29T09:00", limit: 2 });
    expect(instants(occ)).toEqual(["2026-03-28T22:00:00.000Z", "2026-04-04T23:00:00.000Z"]);
    const oct = expandRecurrence({ rule: "FREQ=WEEKLY;BYDAY=SU", timezone: "Australia/Sydney", start: "2026-09-27T09:00", limit: 2 });
    expect(instants(oct)).toEqual(["2026-09-26T23:00:00.000Z", "2026-10-03T22:00:00.000Z"]);
  });

  it("shifts a daily 02:30 New York occurrence on Mar 8 forward by the gap and flags it", () => {
    const occ = expandRecurrence({ rule: "FREQ=DAILY;COUNT=4", timezone: "America/New_York", start: "2026-03-06T02:30", limit: 10 });
    expect(occ.map((o) => [o.nominalLocalTime, o.localTime, o.instant.toISOString(), o.adjusted])).toEqual([
      ["2026-03-06T02:30", "2026-03-06T02:30", "2026-03-06T07:30:00.000Z", null],
      ["2026-03-07T02:30", "2026-03-07T02:30", "2026-03-07T07:30:00.000Z", null],
      ["2026-03-08T02:30", "2026-03-08T03:30", "2026-03-08T07:30:00.000Z", "gap-shifted"],
      ["2026-03-09T02:30", "2026-03-09T02:30", "2026-03-09T06:30:00.000Z", null],
    ]);
  });

  it("takes the earlier instant of an occurrence in the fall-back overlap and flags it", () => {
    const occ = expandRecurrence({ rule: "FREQ=DAILY;COUNT=3", timezone: "Europe/London", start: "2026-10-24T01:30", limit: 10 });
    expect(occ.map((o) => o.adjusted)).toEqual([null, "overlap-earlier", null]);
    expect(instants(occ)).toEqual(["2026-10-24T00:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });

  it("never posts twice when a gap-shifted hourly occurrence meets a real one", () => {
    const occ = expandRecurrence({ rule: "FREQ=HOURLY;COUNT=5", timezone: "America/New_York", start: "2026-03-08T00:30", limit: 10 });
    expect(occ.map((o) => o.localTime)).toEqual(["2026-03-08T00:30", "2026-03-08T01:30", "2026-03-08T03:30", "2026-03-08T04:30"]);
    expect(new Set(instants(occ)).size).toBe(occ.length);
  });

  it("has no adjustments in a zone without DST", () => {
    const occ = expandRecurrence({ rule: "FREQ=DAILY", timezone: "Asia/Kolkata", start: "2026-03-06T02:30", limit: 400 });
    expect(occ).toHaveLength(400);
    expect(occ.every((o) => o.adjusted === null && o.localTime.endsWith("T02:30"))).toBe(true);
  });
});

describe("expandRecurrence windows and limits", () => {
  const base = { rule: "FREQ=DAILY", timezone: "America/New_York", start: "2026-03-01T09:00" };

  it("filters strictly after `after` and up to `until` inclusive, by instant", () => {
    const occ = expandRecurrence({
      ...base,
      after: new Date("2026-03-08T13:00:00Z"), // exactly the Mar 8 occurrence: excluded
      until: new Date("2026-03-10T13:00:00Z"), // exactly the Mar 10 occurrence: included
      limit: 50,
    });
    expect(instants(occ)).toEqual(["2026-03-09T13:00:00.000Z", "2026-03-10T13:00:00.000Z"]);
  });

  it("reads UNTIL with Z as an instant and without Z as local time (RFC 5545)", () => {
    const utc = expandRecurrence({ ...base, rule: "FREQ=DAILY;UNTIL=20260303T135959Z", limit: 50 });
    expect(instants(utc)).toEqual(["2026-03-01T14:00:00.000Z", "2026-03-02T14:00:00.000Z"]);
    const floating = expandRecurrence({ ...base, rule: "FREQ=DAILY;UNTIL=20260303T090000", limit: 50 });
    expect(floating).toHaveLength(3);
    const dateOnly = expandRecurrence({ ...base, rule: "FREQ=DAILY;UNTIL=20260303", limit: 50 });
    expect(dateOnly).toHaveLength(3);
  });

  it("caps unbounded rules at the limit and the limit at MAX_OCCURRENCES", () => {
    expect(expandRecurrence({ ...base, limit: 7 })).toHaveLength(7);
    expect(expandRecurrence({ ...base, limit: MAX_OCCURRENCES * 5 })).toHaveLength(MAX_OCCURRENCES);
    expect(expandRecurrence({ ...base, limit: 0 })).toEqual([]);
    const far = expandRecurrence({ ...base, after: new Date("2030-01-01T00:00:00Z"), limit: 1 });
    expect(far.map((o) => o.localTime)).toEqual(["2030-01-01T09:00"]);
  });

  it("stops on rules that never match instead of spinning", () => {
    expect(expandRecurrence({ ...base, rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", limit: 5 })).toEqual([]);
  });

  it("refuses invalid input", () => {
    expect(() => expandRecurrence({ ...base, rule: "FREQ=MINUTELY", limit: 5 })).toThrow(/at most hourly/);
    expect(() => expandRecurrence({ ...base, timezone: "Nowhere/Land", limit: 5 })).toThrow(RangeError);
    expect(() => expandRecurrence({ ...base, start: "2026-02-30T09:00", limit: 5 })).toThrow(RangeError);
    expect(() => expandRecurrence({ ...base, limit: -1 })).toThrow(RangeError);
  });
});
