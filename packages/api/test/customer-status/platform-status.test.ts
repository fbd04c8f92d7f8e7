import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemDb } from "@mg/db/system";
import { apiEnv, platformAdminEmails } from "../../src/env";
import { describeJobEngine, describeMail } from "../../src/routers/platform/status";
import { isPlatformAdmin } from "../../src/services/platform-admin";
import type { SessionUser } from "../../src/trpc/context";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

/**
 * The operators' status page: who may see it is decided by the API (PLATFORM_ADMIN_EMAILS, a
 * verified address), everyone else gets NOT_FOUND; what it shows is the installation's health.
 */

let t: Tenant;
let operator: SessionUser;
const operatorEmail = `ops-${randomUUID().slice(0, 8)}@operators.test`;

beforeAll(async () => {
  t = await createTenant("platform");
  const user = await systemDb().user.create({ data: { email: operatorEmail, name: "Operator", emailVerified: new Date() } });
  operator = { id: user.id, email: operatorEmail, name: "Operator", emailVerified: true, sessionId: null };
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await systemDb().eventOutbox.deleteMany({ where: { organizationId: t.id } });
  await systemDb().user.deleteMany({ where: { email: operatorEmail } });
  await deleteTenant(t);
});

describe("PLATFORM_ADMIN_EMAILS", () => {
  it("reads a comma- or space-separated list, lower-cased; unset means nobody; anything else is refused", () => {
    expect(platformAdminEmails({ PLATFORM_ADMIN_EMAILS: " Ops@Example.com, second@example.com third@example.com " })).toEqual(["ops@example.com", "second@example.com", "third@example.com"]);
    expect(platformAdminEmails({})).toEqual([]);
    expect(platformAdminEmails({ PLATFORM_ADMIN_EMAILS: "" })).toEqual([]);
    expect(() => platformAdminEmails({ PLATFORM_ADMIN_EMAILS: "ops@example.com, not-an-address" })).toThrow(/PLATFORM_ADMIN_EMAILS/);
  });

  it("is part of the validated API configuration", () => {
    expect(apiEnv().PLATFORM_ADMIN_EMAILS).toEqual(expect.any(Array));
  });

  it("admits only a verified address on the list", () => {
    const admins = ["ops@example.com"];
    expect(isPlatformAdmin({ email: "OPS@example.com", emailVerified: true }, admins)).toBe(true);
    expect(isPlatformAdmin({ email: "ops@example.com", emailVerified: false }, admins)).toBe(false);
    expect(isPlatformAdmin({ email: "owner@example.com", emailVerified: true }, admins)).toBe(false);
    expect(isPlatformAdmin(null, admins)).toBe(false);
  });
});

describe("platform.status", () => {
  it("is NOT_FOUND for everyone not on the list: signed-out, an organization's owner, an unverified account with the operator's address", async () => {
    vi.stubEnv("PLATFORM_ADMIN_EMAILS", operatorEmail);
    expect(await outcome(callerFor(null, null).platform.status())).toBe("UNAUTHORIZED");
    expect(await outcome(callerFor(t.users.OWNER, null).platform.status())).toBe("NOT_FOUND");
    expect(await outcome(callerFor(t.users.OWNER, t.slug).platform.status())).toBe("NOT_FOUND");
    expect(await outcome(callerFor({ ...operator, emailVerified: false }, null).platform.status())).toBe("NOT_FOUND");
    vi.stubEnv("PLATFORM_ADMIN_EMAILS", "");
    expect(await outcome(callerFor(operator, null).platform.status())).toBe("NOT_FOUND");
  });

  it("shows an operator the job engine's mode, the outbox, network configuration and the mail transport", async () => {
    vi.stubEnv("PLATFORM_ADMIN_EMAILS", `someone@else.test, ${operatorEmail.toUpperCase()}`);
    await systemDb().eventOutbox.create({
      data: {
        organizationId: t.id,
        name: "member/invited",
        payload: { organizationId: t.id, email: "secret-invitee@test.local" },
        eventId: `test:${randomUUID()}`,
        status: "FAILED",
        attempts: 10,
        lastError: "connect ECONNREFUSED 127.0.0.1:8288",
        nextAttemptAt: new Date(Date.now() + 86_400_000),
      },
    });
    const status = await callerFor(operator, null).platform.status();
    expect(status.jobEngine.mode).toBe("in-process");
    expect(status.outbox.failed).toBeGreaterThanOrEqual(1);
    expect(status.outbox.byName.find((g) => g.name === "member/invited")?.failed).toBeGreaterThanOrEqual(1);
    expect(status.mail).toMatchObject({ transport: "dev-outbox" });
    const facebook = status.networks.networks.find((n) => n.network === "FACEBOOK");
    expect(facebook).toMatchObject({ configured: false, operatorDetail: expect.stringContaining("FACEBOOK_APP_ID") });
    expect(status.networks.problems).toEqual([]);
    // Counts and configuration only: no tenant's rows, no payloads (they hold addresses and links).
    const text = JSON.stringify(status);
    for (const value of [t.id, t.slug, t.name, "secret-invitee@test.local"]) expect(text).not.toContain(value);
  });

  it("names the engine and the SMTP host, never a key or the SMTP password", () => {
    expect(describeJobEngine({})).toEqual({ mode: "in-process", target: null, eventKeySet: false, signingKeySet: false, devMode: false });
    expect(describeJobEngine({ eventKey: "evt-key-123", signingKey: "signkey-456" })).toEqual({ mode: "engine", target: "Inngest Cloud", eventKeySet: true, signingKeySet: true, devMode: false });
    expect(describeJobEngine({ baseUrl: "http://engine.internal:8288" })).toMatchObject({ mode: "engine", target: "http://engine.internal:8288" });
    expect(describeJobEngine({ isDev: true })).toMatchObject({ mode: "engine", target: "Inngest dev server (default address)", devMode: true });
    expect(JSON.stringify(describeJobEngine({ eventKey: "evt-key-123", signingKey: "signkey-456" }))).not.toMatch(/evt-key-123|signkey-456/);

    const smtp = describeMail({ SMTP_URL: "smtp://mailer:hunter2@mail.internal:587", MAIL_FROM: "MG <no-reply@mg.test>" });
    expect(smtp).toEqual({ transport: "smtp", host: "mail.internal:587", from: "MG <no-reply@mg.test>" });
    expect(JSON.stringify(smtp)).not.toContain("hunter2");
    expect(describeMail({ SMTP_URL: undefined, MAIL_FROM: "MG <no-reply@mg.test>" })).toMatchObject({ transport: "dev-outbox", host: null });
  });
});
