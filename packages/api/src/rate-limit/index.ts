import { TRPCError } from "@trpc/server";
import { apiEnv } from "../env";
import { RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "./policies";
import { MemoryRateLimitStore, UpstashRateLimitStore, type RateLimitStore } from "./stores";

export { RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "./policies";
export { MemoryRateLimitStore, UpstashRateLimitStore, type RateLimitStore } from "./stores";

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

/** Counts one hit against `policy` for `key`; throws RateLimitedError past the allowance. */
export async function consumeRateLimit(policy: RateLimitPolicyName, key: string): Promise<void> {
  const { limit, windowMs } = RATE_LIMIT_POLICIES[policy];
  const allowance = Math.ceil(limit * apiEnv().RATE_LIMIT_MULTIPLIER);
  const { count, resetAt } = await rateLimitStore().increment(`${policy}:${key.toLowerCase()}`, windowMs);
  if (count > allowance) throw new RateLimitedError(policy, Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)));
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
