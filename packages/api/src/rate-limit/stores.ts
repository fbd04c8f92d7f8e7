import { Redis } from "@upstash/redis";

export interface RateLimitWindow {
  /** Hits counted in the current window, including this one for `increment`. */
  count: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

/**
 * A sliding window (the two-window estimate): the hits of the current fixed window plus the
 * previous window's hits weighted by how much of it still lies inside the last `windowMs`. A burst
 * at a window's end cannot be followed by a full allowance at the next window's start.
 */
export interface SlidingWindow {
  /** Estimated hits in the last `windowMs`, including this one. */
  count: number;
  /** Hits of the current fixed window and of the previous one. */
  current: number;
  previous: number;
  /** Start of the current fixed window (ms since epoch). */
  windowStart: number;
}

/** Counts hits in a fixed window (and, for sliding policies, in two adjacent ones). */
export interface RateLimitStore {
  readonly name: string;
  increment(key: string, windowMs: number): Promise<RateLimitWindow>;
  /** Counts one hit in the current aligned window and reads the previous one. */
  incrementSliding(key: string, windowMs: number): Promise<SlidingWindow>;
  /** The current window without counting a hit (0 when none is open). */
  peek(key: string, windowMs: number): Promise<RateLimitWindow>;
  /** Ends the current window (a successful sign-in clears its failures). */
  reset(key: string, windowMs: number): Promise<void>;
}

export function slidingEstimate(current: number, previous: number, windowStart: number, windowMs: number, now: number): number {
  const overlap = Math.max(0, 1 - (now - windowStart) / windowMs);
  return current + previous * overlap;
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly name = "memory";
  private readonly windows = new Map<string, RateLimitWindow>();
  private readonly sliding = new Map<string, { start: number; current: number; previous: number }>();

  async incrementSliding(key: string, windowMs: number): Promise<SlidingWindow> {
    const now = Date.now();
    const start = Math.floor(now / windowMs) * windowMs;
    let entry = this.sliding.get(key);
    if (!entry || entry.start !== start) {
      const previous = entry && entry.start === start - windowMs ? entry.current : 0;
      entry = { start, current: 0, previous };
      this.sliding.set(key, entry);
      if (this.sliding.size > 50_000) {
        for (const [k, e] of this.sliding) if (e.start < start - windowMs) this.sliding.delete(k);
      }
    }
    entry.current += 1;
    return { count: slidingEstimate(entry.current, entry.previous, start, windowMs, now), current: entry.current, previous: entry.previous, windowStart: start };
  }

  async increment(key: string, windowMs: number) {
    const now = Date.now();
    let entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, entry);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    entry.count += 1;
    return { count: entry.count, resetAt: entry.resetAt };
  }

  async peek(key: string, windowMs: number) {
    const now = Date.now();
    const entry = this.windows.get(key);
    return entry && entry.resetAt > now ? { count: entry.count, resetAt: entry.resetAt } : { count: 0, resetAt: now + windowMs };
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * Upstash over its REST API. Plain INCR + PEXPIRE on a key per aligned window (no Lua): works on
 * any Redis the REST proxy fronts, including versions that reject @upstash/ratelimit's scripts.
 */
export class UpstashRateLimitStore implements RateLimitStore {
  readonly name = "upstash";
  constructor(private readonly redis: Redis) {}

  static fromEnv(url: string, token: string): UpstashRateLimitStore {
    return new UpstashRateLimitStore(new Redis({ url, token, automaticDeserialization: false, retry: { retries: 1 } }));
  }

  private window(key: string, windowMs: number): { windowKey: string; resetAt: number } {
    const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
    return { windowKey: `rl:${key}:${windowStart}`, resetAt: windowStart + windowMs };
  }

  async incrementSliding(key: string, windowMs: number): Promise<SlidingWindow> {
    const now = Date.now();
    const start = Math.floor(now / windowMs) * windowMs;
    const pipeline = this.redis.pipeline();
    pipeline.incr(`rls:${key}:${start}`);
    // Kept for two windows: the next window reads it as its previous one.
    pipeline.pexpire(`rls:${key}:${start}`, windowMs * 2);
    pipeline.get(`rls:${key}:${start - windowMs}`);
    const [current, , previous] = (await pipeline.exec()) as [number, number, string | number | null];
    const cur = Number(current);
    const prev = previous === null ? 0 : Number(previous);
    return { count: slidingEstimate(cur, prev, start, windowMs, now), current: cur, previous: prev, windowStart: start };
  }

  async increment(key: string, windowMs: number) {
    const { windowKey, resetAt } = this.window(key, windowMs);
    const pipeline = this.redis.pipeline();
    pipeline.incr(windowKey);
    pipeline.pexpire(windowKey, windowMs);
    const [count] = (await pipeline.exec()) as [number, number];
    return { count: Number(count), resetAt };
  }

  async peek(key: string, windowMs: number) {
    const { windowKey, resetAt } = this.window(key, windowMs);
    const value = await this.redis.get<string | number | null>(windowKey);
    return { count: value === null ? 0 : Number(value), resetAt };
  }

  async reset(key: string, windowMs: number) {
    await this.redis.del(this.window(key, windowMs).windowKey);
  }
}
