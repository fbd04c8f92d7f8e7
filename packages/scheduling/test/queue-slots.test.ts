import { describe, expect, it } from "vitest";
import { nextFreeSlot } from "../src/index";

const at = (s: string) => new Date(s);

describe("nextFreeSlot", () => {
  const ny = "America/New_York";

  it("keeps a Monday 09:00 slot at 09:00 local across the spring change (UTC instant moves)", () => {
    const slots = [{ weekday: 1, localTime: "09:00" }];
    expect(nextFreeSlot({ slots, timezone: ny, taken: [], after: at("2026-03-01T00:00:00Z") })).toEqual({
      localTime: "2026-03-02T09:00",
      instant: at("2026-03-02T14:00:00Z"),
    });
    // Strictly after: the slot at exactly `after` is not offered again.
    expect(nextFreeSlot({ slots, timezone: ny, taken: [], after: at("2026-03-02T14:00:00Z") })).toEqual({
      localTime: "2026-03-09T09:00",
      instant: at("2026-03-09T13:00:00Z"),
    });
  });

  it("skips taken slots, treating any taken instant less than a minute away as the same slot", () => {
    const slots = [
      { weekday: 1, localTime: "09:00" },
      { weekday: 1, localTime: "13:00" },
      { weekday: 3, localTime: "09:00" },
    ];
    const after = at("2026-03-08T12:00:00Z");
    const taken = [at("2026-03-09T13:00:30Z"), at("2026-03-09T16:59:01Z")];
    expect(nextFreeSlot({ slots, timezone: ny, taken, after })).toEqual({ localTime: "2026-03-11T09:00", instant: at("2026-03-11T13:00:00Z") });
    // A post a full minute later does not occupy the slot.
    expect(nextFreeSlot({ slots, timezone: ny, taken: [at("2026-03-09T13:01:00Z")], after })).toEqual({
      localTime: "2026-03-09T09:00",
      instant: at("2026-03-09T13:00:00Z"),
    });
  });

  it("skips a slot that falls into the spring-forward gap instead of moving it", () => {
    const slots = [
      { weekday: 7, localTime: "02:30" },
      { weekday: 2, localTime: "10:00" },
    ];
    expect(nextFreeSlot({ slots, timezone: ny, taken: [], after: at("2026-03-07T12:00:00Z") })).toEqual({
      localTime: "2026-03-10T10:00",
      instant: at("2026-03-10T14:00:00Z"),
    });
    const sydney = nextFreeSlot({ slots: [{ weekday: 7, localTime: "02:30" }], timezone: "Australia/Sydney", taken: [], after: at("2026-10-01T00:00:00Z") });
    expect(sydney).toEqual({ localTime: "2026-10-11T02:30", instant: at("2026-10-10T15:30:00Z") });
  });

  it("takes the earlier instant of a slot in the fall-back overlap, and orders by instant", () => {
    const slots = [{ weekday: 7, localTime: "01:30" }];
    expect(nextFreeSlot({ slots, timezone: ny, taken: [], after: at("2026-10-31T12:00:00Z") })).toEqual({
      localTime: "2026-11-01T01:30",
      instant: at("2026-11-01T05:30:00Z"),
    });
    // If the earlier one is taken, the later repeat of 01:30 is not offered: the slot is once a week.
    expect(nextFreeSlot({ slots, timezone: ny, taken: [at("2026-11-01T05:30:00Z")], after: at("2026-10-31T12:00:00Z") })).toEqual({
      localTime: "2026-11-08T01:30",
      instant: at("2026-11-08T06:30:00Z"),
    });
  });

  it("works from the zone's local day, not the UTC day", () => {
    // 2026-03-10T03:00Z is still Monday 23:00 in New York: the Tuesday slot that follows is hours away.
    const r = nextFreeSlot({ slots: [{ weekday: 2, localTime: "06:00" }], timezone: ny, taken: [], after: at("2026-03-10T03:00:00Z") });
    expect(r).toEqual({ localTime: "2026-03-10T06:00", instant: at("2026-03-10T10:00:00Z") });
  });

  it("returns null when nothing is free within the horizon", () => {
    const slots = [{ weekday: 1, localTime: "09:00" }];
    const after = at("2026-03-03T00:00:00Z");
    expect(nextFreeSlot({ slots, timezone: ny, taken: [], after, horizonDays: 3 })).toBeNull();
    expect(nextFreeSlot({ slots, timezone: ny, taken: [], after, horizonDays: 7 })?.localTime).toBe("2026-03-09T09:00");
    const allTaken = ["2026-03-09T13:00:00Z", "2026-03-16T13:00:00Z"].map(at);
    expect(nextFreeSlot({ slots, timezone: ny, taken: allTaken, after, horizonDays: 14 })).toBeNull();
    expect(nextFreeSlot({ slots: [], timezone: ny, taken: [], after })).toBeNull();
  });

  it("refuses invalid slots and zones", () => {
    const after = at("2026-03-03T00:00:00Z");
    expect(() => nextFreeSlot({ slots: [{ weekday: 0, localTime: "09:00" }], timezone: ny, taken: [], after })).toThrow(/weekday/);
    expect(() => nextFreeSlot({ slots: [{ weekday: 1, localTime: "9am" }], timezone: ny, taken: [], after })).toThrow(/HH:mm/);
    expect(() => nextFreeSlot({ slots: [{ weekday: 1, localTime: "09:00" }], timezone: "Bad/Zone", taken: [], after })).toThrow(RangeError);
  });
});
