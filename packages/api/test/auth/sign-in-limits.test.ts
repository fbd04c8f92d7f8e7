import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@mg/db/system";
import { hashPassword } from "@mg/db/password";
import { MemoryRateLimitStore, RATE_LIMIT_POLICIES, recordRateLimitHit, setRateLimitStore, SIGN_IN_SLOW_DOWN_AFTER } from "../../src/rate-limit";
import { clientIpFrom, PEER_ADDRESS_HEADER } from "../../src/client-ip";
import { authorizePassword } from "../../src/auth/options";
import { assertSignInLinkAllowed, passwordFailures, SIGN_IN_REFUSAL_CODES, SignInRefusedError } from "../../src/auth/sign-in-guard";
import { AuthBrowser } from "./auth-browser";

/**
 * Sign-in limits that hold (issue 7 §1): keyed by account, by the client IP derived from the
 * trusted-proxy chain, and globally — and never turned against the owner, who keeps the
 * email-link path.
 */
const PASSWORD = "the-right-password";
const emails: string[] = [];

beforeEach(() => setRateLimitStore(new MemoryRateLimitStore()));
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  setRateLimitStore(undefined);
  await systemDb().user.deleteMany({ where: { email: { in: emails } } });
});

async function account(): Promise<string> {
  const email = `limits-${randomUUID().slice(0, 8)}@test.local`;
  emails.push(email);
  await systemDb().user.create({ data: { email, emailVerified: new Date(), passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

const from = (peer: string, forwardedFor?: string) => ({ [PEER_ADDRESS_HEADER]: peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

async function attempt(email: string, password: string, headers = from("198.51.100.9")): Promise<string> {
  try {
    await authorizePassword({ email, password }, headers);
    return "OK";
  } catch (error) {
    if (error instanceof SignInRefusedError) return error.reason;
    return (error as Error).message;
  }
}

describe("the client IP", () => {
  it("is the TCP peer when no proxy is trusted: a forged X-Forwarded-For changes nothing", () => {
    expect(clientIpFrom(from("203.0.113.5", "6.6.6.6"), 0)).toBe("203.0.113.5");
    expect(clientIpFrom(from("::ffff:203.0.113.5"), 0)).toBe("203.0.113.5");
  });

  it("with N trusted proxies, is the hop N places left of the peer", () => {
    // client → proxy (appends client) → app: the peer is the proxy.
    expect(clientIpFrom(from("10.0.0.2", "6.6.6.6, 198.51.100.44"), 1)).toBe("198.51.100.44");
    expect(clientIpFrom(from("10.0.0.3", "6.6.6.6, 198.51.100.44, 10.0.0.2"), 2)).toBe("198.51.100.44");
  });

  it("is unknown without the peer stamp, and never a bare header value", () => {
    expect(clientIpFrom({ "x-forwarded-for": "6.6.6.6" }, 0)).toBeNull();
    expect(clientIpFrom(from("not-an-ip"), 0)).toBeNull();
  });
});

describe("password sign-in limits", () => {
  it("per account: slower after five wrong passwords, then an email link is required — even with the right password", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const email = await account();
    for (let i = 0; i < SIGN_IN_SLOW_DOWN_AFTER; i += 1) expect(await attempt(email, "wrong-password")).toBe("Email or password is incorrect.");
    // Slow down: the next attempt within the cooldown is not even tried.
    expect(await attempt(email, PASSWORD)).toBe("slow-down");
    const { limit } = RATE_LIMIT_POLICIES.signInFailures;
    for (let i = SIGN_IN_SLOW_DOWN_AFTER; i < limit; i += 1) {
      vi.setSystemTime(Date.now() + RATE_LIMIT_POLICIES.signInCooldown.windowMs + 1000);
      expect(await attempt(email, "wrong-password")).toBe("Email or password is incorrect.");
    }
    vi.setSystemTime(Date.now() + RATE_LIMIT_POLICIES.signInCooldown.windowMs + 1000);
    expect(await attempt(email, PASSWORD)).toBe("email-link-required");
    expect(await passwordFailures(email)).toBe(limit);

    // The owner is never locked out: the email-link path does not look at password failures …
    await expect(assertSignInLinkAllowed({ email, ip: "198.51.100.9" })).resolves.toBeUndefined();
    const browser = new AuthBrowser("198.51.100.9");
    await browser.requestEmailLink(email);
    await browser.openLatestEmailLink(email);
    expect((await browser.session())?.user?.email).toBe(email);
    // … and signing in with it gives password sign-in back.
    expect(await attempt(email, PASSWORD)).toBe("OK");
  });

  it("a refused attempt shows the sign-in page a code it turns into an email-link offer", async () => {
    const email = await account();
    for (let i = 0; i < RATE_LIMIT_POLICIES.signInFailures.limit; i += 1) await recordRateLimitHit("signInFailures", email);
    const browser = new AuthBrowser();
    expect(await browser.signInWithPassword(email, PASSWORD)).toBe(SIGN_IN_REFUSAL_CODES["email-link-required"]);
  });

  it("per IP: forging X-Forwarded-For per attempt does not reset the count", async () => {
    const { limit } = RATE_LIMIT_POLICIES.signInPerIp;
    const results: string[] = [];
    for (let i = 0; i <= limit; i += 1) {
      const email = `nobody-${i}-${randomUUID().slice(0, 6)}@test.local`;
      results.push(await attempt(email, "guess", from("198.51.100.77", `10.9.${i}.${i}`)));
    }
    expect(results.slice(0, limit).every((r) => r === "Email or password is incorrect.")).toBe(true);
    expect(results.at(-1)).toBe("ip-limited");
    // Another client is unaffected.
    expect(await attempt(await account(), PASSWORD, from("198.51.100.78"))).toBe("OK");
  });

  it("globally: past the installation's allowance password sign-in pauses, email links still go out", async () => {
    const email = await account();
    for (let i = 0; i < RATE_LIMIT_POLICIES.signInGlobal.limit; i += 1) await recordRateLimitHit("signInGlobal", "all");
    expect(await attempt(email, PASSWORD)).toBe("busy");
    await expect(assertSignInLinkAllowed({ email, ip: "198.51.100.9" })).resolves.toBeUndefined();
  });

  it("an unknown email counts like a wrong password (no enumeration by behaviour)", async () => {
    const email = `ghost-${randomUUID().slice(0, 8)}@test.local`;
    expect(await attempt(email, "anything")).toBe("Email or password is incorrect.");
    expect(await passwordFailures(email)).toBe(1);
  });
});

describe("email-link limits", () => {
  it("per address and per IP", async () => {
    const email = `link-${randomUUID().slice(0, 8)}@test.local`;
    const { limit } = RATE_LIMIT_POLICIES.magicLinkPerAddress;
    for (let i = 0; i < limit; i += 1) await assertSignInLinkAllowed({ email, ip: `198.51.100.${i + 1}` });
    await expect(assertSignInLinkAllowed({ email, ip: "198.51.100.200" })).rejects.toMatchObject({ policy: "magicLinkPerAddress" });

    const perIp = RATE_LIMIT_POLICIES.magicLinkPerIp.limit;
    for (let i = 0; i < perIp; i += 1) await assertSignInLinkAllowed({ email: `spray-${i}-${randomUUID().slice(0, 6)}@test.local`, ip: "203.0.113.99" });
    await expect(assertSignInLinkAllowed({ email: `spray-last-${randomUUID().slice(0, 6)}@test.local`, ip: "203.0.113.99" })).rejects.toMatchObject({ policy: "magicLinkPerIp" });
  });

  it("the email provider refuses to mail past the limit (no mail is written)", async () => {
    const email = `link-mail-${randomUUID().slice(0, 8)}@test.local`;
    const browser = new AuthBrowser("198.51.100.61");
    for (let i = 0; i < RATE_LIMIT_POLICIES.magicLinkPerAddress.limit; i += 1) await browser.requestEmailLink(email);
    const before = await systemDb().devMail.count({ where: { to: email } });
    const refused = await browser.requestEmailLink(email);
    expect(new URL(refused.redirect ?? "", "http://localhost:3000").searchParams.get("error")).toBe("EmailSignin");
    expect(await systemDb().devMail.count({ where: { to: email } })).toBe(before);
  });
});
