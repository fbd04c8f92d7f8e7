import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { consumeRateLimit, MemoryRateLimitStore, RateLimitedError, rateLimitCount, recordRateLimitHit, resetRateLimit, setRateLimitStore, UpstashRateLimitStore, RATE_LIMIT_POLICIES } from "../src/rate-limit";
import { randomUUID } from "node:crypto";
import { createCaller } from "../src/root";
import { createInnerContext } from "../src/trpc/context";
import { callerFor, outcome } from "./fixtures";

/**
 * A stand-in for Upstash that speaks its REST protocol (POST /pipeline with JSON command arrays,
 * Bearer token, `[{ result }]` answers), so the real @upstash/redis client is exercised.
 */
function fakeUpstash(token: string) {
  const store = new Map<string, { value: number; expiresAt: number | null }>();
  const requests: string[][][] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "Unauthorized" }));
        return;
      }
      const commands = (req.url === "/pipeline" ? JSON.parse(body) : [JSON.parse(body)]) as string[][];
      requests.push(commands);
      const results = commands.map(([name, key = "", arg]) => {
        const now = Date.now();
        const entry = store.get(key);
        const live = entry && (entry.expiresAt === null || entry.expiresAt > now) ? entry : undefined;
        switch (name?.toUpperCase()) {
          case "INCR": {
            const next = { value: (live?.value ?? 0) + 1, expiresAt: live?.expiresAt ?? null };
            store.set(key, next);
            return { result: next.value };
          }
          case "GET":
            return { result: live ? String(live.value) : null };
          case "DEL":
            return { result: store.delete(key) && live ? 1 : 0 };
          case "PEXPIRE":
            if (!live) return { result: 0 };
            live.expiresAt = now + Number(arg);
            return { result: 1 };
          default:
            return { error: `ERR unknown command ${name}` };
        }
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(req.url === "/pipeline" ? results : results[0]));
    });
  });
  return { server, requests };
}

afterEach(() => setRateLimitStore(undefined));

describe("rate limits", () => {
  it("in memory: the policy's allowance, then RateLimitedError with a retry time", async () => {
    setRateLimitStore(new MemoryRateLimitStore());
    const { limit } = RATE_LIMIT_POLICIES.signInPerIp;
    for (let i = 0; i < limit; i += 1) await consumeRateLimit("signInPerIp", "1.2.3.4");
    const error = await consumeRateLimit("signInPerIp", "1.2.3.4").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    // Another key has its own allowance.
    await expect(consumeRateLimit("signInPerIp", "1.2.3.5")).resolves.toBeUndefined();
  });

  it("tRPC procedures answer TOO_MANY_REQUESTS past the policy", async () => {
    setRateLimitStore(new MemoryRateLimitStore());
    const caller = callerFor(null, null);
    const results: string[] = [];
    for (let i = 0; i <= RATE_LIMIT_POLICIES.publicRead.limit; i += 1) results.push(await outcome(caller.members.invitationPreview({ token: "x".repeat(40) })));
    expect(results.at(0)).toBe("NOT_FOUND");
    expect(results.at(-1)).toBe("TOO_MANY_REQUESTS");
  });

  it("a procedure's declared policy is keyed by what the builder established (sign-up: per IP)", async () => {
    setRateLimitStore(new MemoryRateLimitStore());
    const signUp = (ip: string, n: number) =>
      createCaller(createInnerContext({ ip })).auth.signUp({ name: "Rate Limited", email: `rl-${n}-${randomUUID()}@test.local`, password: "a-long-password" });
    const { limit } = RATE_LIMIT_POLICIES.signUp;
    const results: string[] = [];
    for (let i = 0; i <= limit; i += 1) results.push(await outcome(signUp("10.0.0.1", i)));
    expect(results.slice(0, limit).every((r) => r === "OK")).toBe(true);
    expect(results.at(-1)).toBe("TOO_MANY_REQUESTS");
    expect(await outcome(signUp("10.0.0.2", limit + 1))).toBe("OK");
  });

  describe("through Upstash's REST protocol", () => {
    const token = "test-token";
    const fake = fakeUpstash(token);
    let url = "";
    beforeAll(async () => {
      await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => (fake.server as Server).close(() => resolve())));

    it("counts with INCR + PEXPIRE and refuses past the allowance", async () => {
      setRateLimitStore(UpstashRateLimitStore.fromEnv(url, token));
      const { limit } = RATE_LIMIT_POLICIES.magicLinkPerAddress;
      for (let i = 0; i < limit; i += 1) await consumeRateLimit("magicLinkPerAddress", "someone@test.local");
      await expect(consumeRateLimit("magicLinkPerAddress", "someone@test.local")).rejects.toBeInstanceOf(RateLimitedError);
      const flat = fake.requests.flat();
      expect(flat.filter(([cmd]) => cmd?.toUpperCase() === "INCR")).toHaveLength(limit + 1);
      expect(flat.some(([cmd]) => cmd?.toUpperCase() === "PEXPIRE")).toBe(true);
    });

    it("peeks without counting and resets a window (GET, DEL)", async () => {
      setRateLimitStore(UpstashRateLimitStore.fromEnv(url, token));
      const key = `failures-${randomUUID()}@test.local`;
      expect(await rateLimitCount("signInFailures", key)).toBe(0);
      await recordRateLimitHit("signInFailures", key);
      await recordRateLimitHit("signInFailures", key);
      expect(await rateLimitCount("signInFailures", key)).toBe(2);
      expect(await rateLimitCount("signInFailures", key)).toBe(2);
      await resetRateLimit("signInFailures", key);
      expect(await rateLimitCount("signInFailures", key)).toBe(0);
    });

    it("a wrong token is an error, not a silent pass", async () => {
      setRateLimitStore(UpstashRateLimitStore.fromEnv(url, "wrong"));
      await expect(consumeRateLimit("magicLinkPerAddress", "x@test.local")).rejects.toThrow();
    });
  });
});
