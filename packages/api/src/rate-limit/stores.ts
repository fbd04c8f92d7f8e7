import { Redis } from "@upstash/redis";

export interface RateLimitWindow {
  /** Hits counted in the current window, including this one for `increment`. */
  count: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

/** Counts hits in a fixed window. */
export interface RateLimitStore {
  readonly name: string;
  increment(key: string, windowMs: number): Promise<RateLimitWindow>;
  /** The current window without counting a hit (0 when none is open). */
  peek(key: string, windowMs: number): Promise<RateLimitWindow>;
  /** Ends the current window (a successful sign-in clears its failures). */
  reset(key: string, windowMs: number): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly name = "memory";
  private readonly windows = new Map<string, RateLimitWindow>();

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
