import { describe, expect, it } from "vitest";
import { NETWORK_DEFAULT_TIMES, suggestOptimalTimes, type EngagementSample } from "../src/index";

/** `count` posts on the given UTC dates' weekday/hour, one per week from `firstUtc`. */
function weekly(firstUtc: string, count: number, engagementRate: number): EngagementSample[] {
  const start = new Date(firstUtc).getTime();
  return Array.from({ length: count }, (_, i) => ({ publishedAt: new Date(start + i * 7 * 86_400_000), engagementRate }));
}

describe("suggestOptimalTimes", () => {
  it("falls back to the network's defaults below minSamples", () => {
    const history = weekly("2026-01-06T10:00:00Z", 5, 0.9);
    const r = suggestOptimalTimes({ history, timezone: "Europe/London", network: "LINKEDIN" });
    expect(r.source).toBe("network-default");
    expect(r.slots.map(({ weekday, hour }) => ({ weekday, hour }))).toEqual(NETWORK_DEFAULT_TIMES.LINKEDIN);
    expect(r.slots.every((s) => s.samples === 0)).toBe(true);
    expect(r.slots[0]!.score).toBeGreaterThan(r.slots[1]!.score);
    expect(suggestOptimalTimes({ history: [], timezone: "UTC", network: "TIKTOK", limit: 2 }).slots).toHaveLength(2);
  });

  it("has sensible defaults for every network (ISO weekdays, local hours)", () => {
    for (const times of Object.values(NETWORK_DEFAULT_TIMES)) {
      expect(times.length).toBeGreaterThanOrEqual(3);
      for (const t of times) {
        expect(t.weekday).toBeGreaterThanOrEqual(1);
        expect(t.weekday).toBeLessThanOrEqual(7);
        expect(t.hour).toBeGreaterThanOrEqual(0);
        expect(t.hour).toBeLessThanOrEqual(23);
      }
    }
  });

  it("ranks local weekday+hour buckets from history, shrinking a lucky single post toward the mean", () => {
    const history = [
      // Tuesday 10:00 London time, in winter (GMT) and in summer (BST): one bucket.
      ...weekly("2026-01-06T10:00:00Z", 10, 0.05),
      ...weekly("2026-06-02T09:00:00Z", 10, 0.05),
      // Friday 15:00 London, winter and summer.
      ...weekly("2026-01-09T15:00:00Z", 10, 0.02),
      ...weekly("2026-06-05T14:00:00Z", 10, 0.02),
      // One Sunday 03:00 post with the highest raw rate.
      { publishedAt: new Date("2026-02-01T03:00:00Z"), engagementRate: 0.06 },
    ];
    const r = suggestOptimalTimes({ history, timezone: "Europe/London", network: "INSTAGRAM" });
    expect(r.source).toBe("history");
    expect(r.slots.map(({ weekday, hour, samples }) => ({ weekday, hour, samples }))).toEqual([
      { weekday: 2, hour: 10, samples: 20 },
      { weekday: 7, hour: 3, samples: 1 },
      { weekday: 5, hour: 15, samples: 20 },
    ]);
    const overall = (20 * 0.05 + 20 * 0.02 + 0.06) / 41;
    expect(r.slots[0]!.score).toBeCloseTo((20 * 0.05 + 5 * overall) / 25, 10);
    expect(r.slots[1]!.score).toBeCloseTo((0.06 + 5 * overall) / 6, 10);
  });

  it("buckets in the organization's zone, not UTC", () => {
    // Mondays 23:00 UTC are Tuesdays 04:30 in Kolkata.
    const history = weekly("2026-01-05T23:00:00Z", 12, 0.03);
    const r = suggestOptimalTimes({ history, timezone: "Asia/Kolkata", network: "X", limit: 1 });
    expect(r.slots).toEqual([{ weekday: 2, hour: 4, samples: 12, score: expect.closeTo(0.03, 10) }]);
  });

  it("ignores unusable samples when counting towards minSamples", () => {
    const good = weekly("2026-01-06T10:00:00Z", 9, 0.05);
    const bad = [
      { publishedAt: new Date("invalid"), engagementRate: 0.1 },
      { publishedAt: new Date("2026-01-01T00:00:00Z"), engagementRate: Number.NaN },
      { publishedAt: new Date("2026-01-01T00:00:00Z"), engagementRate: -1 },
    ];
    expect(suggestOptimalTimes({ history: [...good, ...bad], timezone: "UTC", network: "FACEBOOK" }).source).toBe("network-default");
    expect(suggestOptimalTimes({ history: good, timezone: "UTC", network: "FACEBOOK", minSamples: 9 }).source).toBe("history");
  });
});
