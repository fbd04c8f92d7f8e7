import { afterEach, describe, expect, it, vi } from "vitest";
import { consumeRateLimit, MemoryRateLimitStore, RateLimitedError, setRateLimitStore, slidingRetryAfter } from "../../src/rate-limit";
import { RATE_LIMIT_POLICIES } from "../../src/rate-limit/policies";

/** The sliding window of the form intake's policies (two-window estimate). */
afterEach(() => {
  vi.useRealTimers();
  setRateLimitStore(undefined);
});

describe("sliding window", () => {
  it("a burst at a window's end still counts at the next window's start", async () => {
    const windowMs = RATE_LIMIT_POLICIES.formSubmitPerIp.windowMs;
    const start = Math.floor(Date.UTC(2026, 11, 4, 12) / windowMs) * windowMs;
    vi.useFakeTimers();
    setRateLimitStore(new MemoryRateLimitStore());
    vi.setSystemTime(start + windowMs - 1_000);
    for (let i = 0; i < 10; i += 1) await consumeRateLimit("formSubmitPerIp", "1.2.3.4:form");
    // A fixed window would open again here; the sliding one still sees ~10 hits.
    vi.setSystemTime(start + windowMs + 1_000);
    const refused = await consumeRateLimit("formSubmitPerIp", "1.2.3.4:form").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    // Half a window later the previous burst weighs half: there is room again.
    vi.setSystemTime(start + windowMs + windowMs / 2 + 1_000);
    await expect(consumeRateLimit("formSubmitPerIp", "1.2.3.4:form")).resolves.toBeUndefined();
  });

  it("Retry-After is when the estimate falls under the limit", () => {
    const w = 60_000;
    expect(slidingRetryAfter({ current: 0, previous: 10, windowStart: 0 }, w, 10, 1_000)).toBe(5);
    expect(slidingRetryAfter({ current: 10, previous: 0, windowStart: 0 }, w, 10, 30_000)).toBe(36);
  });
});
