import { describe, expect, it } from "vitest";
import { formatZoned, isValidLocalDateTime, resolveLocalTime, shiftLocalDays, toLocalTime, zoneOffsetLabel } from "../src/index";

const iso = (d: Date) => d.toISOString();

function expectOk(result: ReturnType<typeof resolveLocalTime>) {
  if (result.kind !== "ok") throw new Error(`expected ok, got ${result.kind}`);
  return result;
}
function expectGap(result: ReturnType<typeof resolveLocalTime>) {
  if (result.kind !== "gap") throw new Error(`expected gap, got ${result.kind}`);
  return result;
}
function expectAmbiguous(result: ReturnType<typeof resolveLocalTime>) {
  if (result.kind !== "ambiguous") throw new Error(`expected ambiguous, got ${result.kind}`);
  return result;
}

describe("local date-time values", () => {
  it("accepts only real YYYY-MM-DDTHH:mm values", () => {
    expect(isValidLocalDateTime("2026-03-08T02:30")).toBe(true);
    expect(isValidLocalDateTime("2026-02-29T09:00")).toBe(false);
    expect(isValidLocalDateTime("2028-02-29T09:00")).toBe(true);
    expect(isValidLocalDateTime("2026-03-08T24:00")).toBe(false);
    expect(isValidLocalDateTime("2026-03-08T02:30:00")).toBe(false);
    expect(isValidLocalDateTime("2026-03-08 02:30")).toBe(false);
    expect(isValidLocalDateTime(20260308)).toBe(false);
  });

  it("shifts by whole days keeping the wall-clock time, across month ends and DST", () => {
    expect(shiftLocalDays("2026-03-07T02:30", 1)).toBe("2026-03-08T02:30");
    expect(shiftLocalDays("2026-01-31T09:00", 29)).toBe("2026-03-01T09:00");
    expect(shiftLocalDays("2026-03-01T09:00", -1)).toBe("2026-02-28T09:00");
    expect(() => shiftLocalDays("2026-03-01T09:00", 0.5)).toThrow(RangeError);
    // The shifted time is resolved again by the caller: the day it lands on may be a DST gap.
    expect(resolveLocalTime("America/New_York", shiftLocalDays("2026-03-07T02:30", 1)).kind).toBe("gap");
  });

  it("refuses malformed local times with a RangeError", () => {
    expect(() => resolveLocalTime("America/New_York", "2026-3-8T2:30")).toThrow(RangeError);
  });
});

describe("America/New_York (US rules: Mar 8 and Nov 1, 2026)", () => {
  const tz = "America/New_York";

  it("refuses 02:30 on Mar 8 (spring-forward gap) and suggests 03:00 EDT", () => {
    const r = expectGap(resolveLocalTime(tz, "2026-03-08T02:30"));
    expect(r.suggestion.localTime).toBe("2026-03-08T03:00");
    expect(iso(r.suggestion.instant)).toBe("2026-03-08T07:00:00.000Z");
    expect(r.message).toContain("does not exist in America/New_York");
    expect(r.message).toContain("2:30 AM on Sunday, March 8, 2026");
    expect(r.message).toContain("from 2:00 AM to 3:00 AM (EST to EDT)");
    expect(r.message).toContain("first valid time after the gap is 3:00 AM EDT");
  });

  it("refuses the whole gap, including its first minute, even when a disambiguation is given", () => {
    for (const t of ["2026-03-08T02:00", "2026-03-08T02:59"]) {
      for (const d of [undefined, "earlier", "later"] as const) {
        const r = expectGap(resolveLocalTime(tz, t, d));
        expect(iso(r.suggestion.instant)).toBe("2026-03-08T07:00:00.000Z");
      }
    }
  });

  it("resolves the minutes either side of the gap exactly", () => {
    const before = expectOk(resolveLocalTime(tz, "2026-03-08T01:59"));
    expect(iso(before.instant)).toBe("2026-03-08T06:59:00.000Z");
    expect(before.offset).toBe("-05:00");
    expect(before.zoneName).toBe("EST");
    const after = expectOk(resolveLocalTime(tz, "2026-03-08T03:00"));
    expect(iso(after.instant)).toBe("2026-03-08T07:00:00.000Z");
    expect(after.offset).toBe("-04:00");
    expect(after.zoneName).toBe("EDT");
  });

  it("asks which 01:30 on Nov 1 (fall-back overlap) and gives both exact instants", () => {
    const r = expectAmbiguous(resolveLocalTime(tz, "2026-11-01T01:30"));
    expect(r.options[0]).toEqual({ disambiguation: "earlier", instant: new Date("2026-11-01T05:30:00Z"), offset: "-04:00", zoneName: "EDT" });
    expect(r.options[1]).toEqual({ disambiguation: "later", instant: new Date("2026-11-01T06:30:00Z"), offset: "-05:00", zoneName: "EST" });
    expect(r.message).toContain("1:30 AM on Sunday, November 1, 2026 happens twice in America/New_York");
    expect(r.message).toContain("first in EDT (UTC-04:00), then again in EST (UTC-05:00)");
  });

  it("returns the chosen instant when a disambiguation is given for an overlap", () => {
    const earlier = expectOk(resolveLocalTime(tz, "2026-11-01T01:30", "earlier"));
    expect(iso(earlier.instant)).toBe("2026-11-01T05:30:00.000Z");
    expect(earlier.offset).toBe("-04:00");
    const later = expectOk(resolveLocalTime(tz, "2026-11-01T01:30", "later"));
    expect(iso(later.instant)).toBe("2026-11-01T06:30:00.000Z");
    expect(later.zoneName).toBe("EST");
    // Outside the overlap the disambiguation changes nothing.
    expect(iso(expectOk(resolveLocalTime(tz, "2026-11-01T02:00", "earlier")).instant)).toBe("2026-11-01T07:00:00.000Z");
  });
});

describe("Europe/London (EU rules: Mar 29 and Oct 25, 2026)", () => {
  const tz = "Europe/London";

  it("refuses 01:30 on Mar 29 and suggests 02:00 BST", () => {
    const r = expectGap(resolveLocalTime(tz, "2026-03-29T01:30"));
    expect(r.suggestion.localTime).toBe("2026-03-29T02:00");
    expect(iso(r.suggestion.instant)).toBe("2026-03-29T01:00:00.000Z");
    expect(r.message).toContain("from 1:00 AM to 2:00 AM (GMT to BST)");
  });

  it("asks which 01:30 on Oct 25 and resolves both exactly", () => {
    const r = expectAmbiguous(resolveLocalTime(tz, "2026-10-25T01:30"));
    expect(iso(r.options[0].instant)).toBe("2026-10-25T00:30:00.000Z");
    expect(r.options[0]).toMatchObject({ offset: "+01:00", zoneName: "BST" });
    expect(iso(r.options[1].instant)).toBe("2026-10-25T01:30:00.000Z");
    expect(r.options[1]).toMatchObject({ offset: "+00:00", zoneName: "GMT" });
    expect(iso(expectOk(resolveLocalTime(tz, "2026-10-25T01:30", "later")).instant)).toBe("2026-10-25T01:30:00.000Z");
  });

  it("does not treat New York's transition dates as special", () => {
    expect(iso(expectOk(resolveLocalTime(tz, "2026-03-08T02:30")).instant)).toBe("2026-03-08T02:30:00.000Z");
  });
});

describe("Australia/Sydney (southern hemisphere: gap Oct 4, overlap Apr 5, 2026)", () => {
  const tz = "Australia/Sydney";

  it("refuses 02:30 on Oct 4 and suggests 03:00 AEDT", () => {
    const r = expectGap(resolveLocalTime(tz, "2026-10-04T02:30"));
    expect(r.suggestion.localTime).toBe("2026-10-04T03:00");
    expect(iso(r.suggestion.instant)).toBe("2026-10-03T16:00:00.000Z");
    expect(r.message).toContain("(AEST to AEDT)");
  });

  it("asks which 02:30 on Apr 5 and resolves both exactly", () => {
    const r = expectAmbiguous(resolveLocalTime(tz, "2026-04-05T02:30"));
    expect(r.options[0]).toEqual({ disambiguation: "earlier", instant: new Date("2026-04-04T15:30:00Z"), offset: "+11:00", zoneName: "AEDT" });
    expect(r.options[1]).toEqual({ disambiguation: "later", instant: new Date("2026-04-04T16:30:00Z"), offset: "+10:00", zoneName: "AEST" });
  });

  it("treats the northern transition dates as ordinary", () => {
    expect(resolveLocalTime(tz, "2026-03-29T01:30").kind).toBe("ok");
    expect(resolveLocalTime(tz, "2026-11-01T01:30").kind).toBe("ok");
  });
});

describe("Asia/Kolkata (no DST)", () => {
  const tz = "Asia/Kolkata";

  it("never reports a gap or an overlap on any of the other zones' transition times", () => {
    for (const t of ["2026-03-08T02:30", "2026-11-01T01:30", "2026-03-29T01:30", "2026-10-25T01:30", "2026-10-04T02:30", "2026-04-05T02:30"]) {
      const r = expectOk(resolveLocalTime(tz, t));
      expect(r.offset).toBe("+05:30");
      expect(r.zoneName).toBe("IST");
    }
    expect(iso(expectOk(resolveLocalTime(tz, "2026-03-08T02:30")).instant)).toBe("2026-03-07T21:00:00.000Z");
  });

  it("round-trips every half hour of a year through instant and back", () => {
    for (let h = 0; h < 365 * 24; h += 7.5) {
      const instant = new Date(Date.UTC(2026, 0, 1) + h * 3600_000);
      const local = toLocalTime(instant, tz);
      expect(iso(expectOk(resolveLocalTime(tz, local)).instant)).toBe(iso(instant));
    }
  });
});

describe("zones and labels", () => {
  it("throws a clear RangeError for an unknown or non-IANA zone", () => {
    expect(() => resolveLocalTime("Mars/Olympus_Mons", "2026-03-08T09:00")).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/);
    expect(() => resolveLocalTime("Mars/Olympus_Mons", "2026-03-08T09:00")).toThrow(RangeError);
    expect(() => resolveLocalTime("+05:00", "2026-03-08T09:00")).toThrow(/IANA/);
    expect(() => resolveLocalTime("", "2026-03-08T09:00")).toThrow(RangeError);
    expect(() => toLocalTime(new Date(), "Not/AZone")).toThrow(RangeError);
  });

  it("converts instants to the zone's wall clock", () => {
    expect(toLocalTime(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01T01:30");
    expect(toLocalTime(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01T01:30");
    expect(toLocalTime(new Date("2026-10-03T16:00:00Z"), "Australia/Sydney")).toBe("2026-10-04T03:00");
  });

  it("always shows the zone in labels", () => {
    expect(formatZoned(new Date("2026-03-08T07:00:00Z"), "America/New_York")).toBe("Sun, Mar 8, 2026, 3:00 AM EDT");
    expect(formatZoned(new Date("2026-03-08T06:59:00Z"), "America/New_York", { weekday: false })).toBe("Mar 8, 2026, 1:59 AM EST");
    expect(formatZoned(new Date("2026-07-01T12:00:00Z"), "Europe/London", { hour12: false })).toBe("Wed, Jul 1, 2026, 13:00 BST");
    expect(formatZoned(new Date("2026-07-01T12:00:00Z"), "Asia/Kolkata", { year: false })).toBe("Wed, Jul 1, 5:30 PM IST");
    expect(zoneOffsetLabel("America/New_York", new Date("2026-07-01T12:00:00Z"))).toBe("EDT (UTC-04:00)");
    expect(zoneOffsetLabel("Australia/Sydney", new Date("2026-07-01T12:00:00Z"))).toBe("AEST (UTC+10:00)");
    expect(zoneOffsetLabel("Asia/Kolkata", new Date("2026-07-01T12:00:00Z"))).toBe("IST (UTC+05:30)");
    expect(zoneOffsetLabel("Asia/Tokyo", new Date("2026-07-01T12:00:00Z"))).toBe("UTC+09:00");
  });
});
