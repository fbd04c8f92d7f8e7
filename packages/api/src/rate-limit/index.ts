import { TRPCError } from "@trpc/server";
import { apiEnv } from "../env";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from "./policies";
import { MemoryRateLimitStore, UpstashRateLimitStore, type RateLimitStore } from "./stores";

export { RATE_LIMIT_POLICIES, SIGN_IN_SLOW_DOWN_AFTER, type RateLimitPolicyName } from "./policies";
export { MemoryRateLimitStore, UpstashRateLimitStore, slidingEstimate, type RateLimitStore, type RateLimitWindow, type SlidingWindow } from "./stores";

const holder = globalThis as unknown as { __mgRateLimitStore?: RateLimitStore };

/** In-memory by default (one process); Upstash when its env is set (shared across instances). */
export function rateLimitStore(): RateLimitStore {
  if (!holder.__mgRateLimitStore) {
    const env = apiEnv();
    holder.__mgRateLimitStore =
      env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
        ? UpstashRateLimitStore.fromEnv(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN)
        : new MemoryRateLimitStore();
  }
  return holder.__mgRateLimitStore;
}

/** For tests: swap the store. */
export function setRateLimitStore(store: RateLimitStore | undefined): void {
  holder.__mgRateLimitStore = store;
}

export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  constructor(
    readonly policy: RateLimitPolicyName,
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many requests. Try again in ${retryAfterSeconds} seconds.`);
  }
}

function storeKey(policy: RateLimitPolicyName, key: string): string {
  return `${policy}:${key.toLowerCase()}`;
}

function allowance(policy: RateLimitPolicyName): number {
  return Math.ceil(RATE_LIMIT_POLICIES[policy].limit * apiEnv().RATE_LIMIT_MULTIPLIER);
}

function retryAfter(resetAt: number): number {
  return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
}

/**
 * Seconds until a sliding window admits one more hit: the previous window's weight decays
 * linearly, so solve current + previous·(1 − (t − start)/w) < limit for t (at least the window's
 * end when the current window alone is full).
 */
export function slidingRetryAfter(window: { current: number; previous: number; windowStart: number }, windowMs: number, limit: number, now: number = Date.now()): number {
  const end = window.windowStart + windowMs;
  let at: number;
  if (window.current >= limit) at = end + windowMs * (1 - (limit - 1) / Math.max(window.current, 1));
  else if (window.previous === 0) at = now;
  else at = window.windowStart + windowMs * (1 - (limit - 1 - window.current) / window.previous);
  return Math.max(1, Math.ceil((Math.min(Math.max(at, now), end + windowMs) - now) / 1000));
}

/** Counts one hit against `policy` for `key`; throws RateLimitedError past the allowance. */
export async function consumeRateLimit(policy: RateLimitPolicyName, key: string): Promise<void> {
  const definition: RateLimitPolicy = RATE_LIMIT_POLICIES[policy];
  if (definition.sliding) {
    const window = await rateLimitStore().incrementSliding(storeKey(policy, key), definition.windowMs);
    const limit = allowance(policy);
    if (window.count > limit) throw new RateLimitedError(policy, slidingRetryAfter(window, definition.windowMs, limit));
    return;
  }
  const { count, resetAt } = await rateLimitStore().increment(storeKey(policy, key), RATE_LIMIT_POLICIES[policy].windowMs);
  if (count > allowance(policy)) throw new RateLimitedError(policy, retryAfter(resetAt));
}

/** Counts one hit without refusing anything (failures that decide a later refusal). Returns the count. */
export async function recordRateLimitHit(policy: RateLimitPolicyName, key: string): Promise<number> {
  const { count } = await rateLimitStore().increment(storeKey(policy, key), RATE_LIMIT_POLICIES[policy].windowMs);
  return count;
}

/**
 * Whether `key` has used up `policy`'s allowance of recorded hits (failures), without counting
 * one: the seconds until the window ends, or null.
 */
export async function rateLimitReached(policy: RateLimitPolicyName, key: string): Promise<number | null> {
  const { count, resetAt } = await rateLimitStore().peek(storeKey(policy, key), RATE_LIMIT_POLICIES[policy].windowMs);
  return count >= allowance(policy) ? retryAfter(resetAt) : null;
}

/** Hits counted so far in the current window. */
export async function rateLimitCount(policy: RateLimitPolicyName, key: string): Promise<number> {
  return (await rateLimitStore().peek(storeKey(policy, key), RATE_LIMIT_POLICIES[policy].windowMs)).count;
}

/** Clears `key`'s current window (a sign-in that succeeded ends its failure count). */
export async function resetRateLimit(policy: RateLimitPolicyName, key: string): Promise<void> {
  await rateLimitStore().reset(storeKey(policy, key), RATE_LIMIT_POLICIES[policy].windowMs);
}

/** The tRPC form: TOO_MANY_REQUESTS with the retry time. */
export async function assertRateLimit(policy: RateLimitPolicyName, key: string): Promise<void> {
  try {
    await consumeRateLimit(policy, key);
  } catch (error) {
    if (error instanceof RateLimitedError) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
    throw error;
  }
}
