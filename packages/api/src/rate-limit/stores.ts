import { Redis } from "@upstash/redis";

/** Counts hits in a fixed window. `increment` returns the count including this hit. */
export interface RateLimitStore {
  readonly name: string;
  increment(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly name = "memory";
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

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

  private sweep(now: number) {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * Upstash over its REST API. Plain INCR + PEXPIRE (no Lua): works on any Redis the REST proxy
 * fronts, including versions that reject @upstash/ratelimit's scripts.
 */
export class UpstashRateLimitStore implements RateLimitStore {
  readonly name = "upstash";
  constructor(private readonly redis: Redis) {}

  static fromEnv(url: string, token: string): UpstashRateLimitStore {
    return new UpstashRateLimitStore(new Redis({ url, token, automaticDeserialization: false, retry: { retries: 1 } }));
  }

  async increment(key: string, windowMs: number) {
    const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
    const windowKey = `rl:${key}:${windowStart}`;
    const pipeline = this.redis.pipeline();
    pipeline.incr(windowKey);
    pipeline.pexpire(windowKey, windowMs);
    const [count] = (await pipeline.exec()) as [number, number];
    return { count: Number(count), resetAt: windowStart + windowMs };
  }
}
