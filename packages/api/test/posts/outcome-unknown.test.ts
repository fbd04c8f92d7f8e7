process.env.SANDBOX_FAILURE_RATE = "0";
process.env.SANDBOX_LATENCY_MS = "0";
process.env.PUBLISH_ACCOUNT_SPACING_MS = "0";

import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { systemDb } from "@mg/db/system";
import { sandboxPostsFor, setNetworkAdapterOverride } from "@mg/integrations";
import { resetIntegrationsEnv, integrationsEnv } from "@mg/integrations/env";
import { createSandboxAdapter, encodeSandboxCode } from "@mg/integrations/sandbox";
import { publishRequested } from "@mg/jobs";
import { publishTarget } from "@mg/jobs/publishing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { completeConnect } from "../../src/services/social-connect";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { unconfirmedTarget } from "../procedure-cases/posts";
import { createPostRow, futureLocalTime } from "../social-fixtures";

/**
 * The user's side of OUTCOME_UNKNOWN: the two decisions ("it is live", "send it again"), what
 * each records, and what a post in that state refuses (moving, editing) until someone decides.
 */
let tenant: Tenant;
beforeAll(async () => {
  resetIntegrationsEnv();
  tenant = await createTenant("unconfirmed");
});
afterEach(() => setNetworkAdapterOverride("SANDBOX", null));
afterAll(async () => {
  await deleteTenant(tenant);
});

const as = (role: keyof Tenant["users"]) => callerFor(tenant.users[role], tenant.slug);
const ledgerOf = (targetId: string) => systemDb().publishLedger.findFirstOrThrow({ where: { postTargetId: targetId } });
const targetOf = (targetId: string) => systemDb().postTarget.findUniqueOrThrow({ where: { id: targetId } });
const auditOf = (action: string, postId: string) => systemDb().auditLog.findMany({ where: { organizationId: tenant.id, action, targetId: postId } });

describe("posts.confirmLive", () => {
  it("records the post as published and verified with its address; the ledger keeps that it was unconfirmed and who decided is audited", async () => {
    const targetId = await unconfirmedTarget(tenant);
    const before = await ledgerOf(targetId);

    const result = await as("CONTENT_MANAGER").posts.confirmLive({ targetId, url: "https://x.com/northwind/status/1850000000000000000" });

    expect(result).toMatchObject({ id: targetId, status: "PUBLISHED", externalUrl: "https://x.com/northwind/status/1850000000000000000" });
    const target = await targetOf(targetId);
    expect(target).toMatchObject({ status: "PUBLISHED", externalUrl: "https://x.com/northwind/status/1850000000000000000", lastError: null, lastErrorCode: null, publishedAt: before.sentAt });
    expect(target.verifiedAt).toBeInstanceOf(Date);
    const ledger = await ledgerOf(targetId);
    expect(ledger).toMatchObject({ state: "VERIFIED", errorCode: "CONFIRMED_LIVE_BY_USER", outcomeUnknownAt: before.outcomeUnknownAt, externalUrl: "https://x.com/northwind/status/1850000000000000000" });
    expect((await systemDb().post.findUniqueOrThrow({ where: { id: target.postId } })).status).toBe("PUBLISHED");
    const audit = await auditOf("posts.confirmLive", target.postId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: tenant.users.CONTENT_MANAGER.id });

    // Decided once: a second click (or the other decision) is refused.
    expect(await outcome(as("CONTENT_MANAGER").posts.confirmLive({ targetId }))).toBe("BAD_REQUEST");
    expect(await outcome(as("CONTENT_MANAGER").posts.sendAgain({ targetId }))).toBe("BAD_REQUEST");
  });

  it("works without an address, and accepts only http(s) addresses", async () => {
    const targetId = await unconfirmedTarget(tenant);
    expect(await outcome(as("OWNER").posts.confirmLive({ targetId, url: "javascript:alert(1)" }))).toBe("BAD_REQUEST");
    expect((await targetOf(targetId)).status).toBe("OUTCOME_UNKNOWN");

    await as("OWNER").posts.confirmLive({ targetId, url: null });

    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHED", externalUrl: null });
  });

  it("is only for unconfirmed targets: a failed or published one is refused", async () => {
    const failed = await createPostRow(tenant, { status: "FAILED" });
    const published = await createPostRow(tenant, { status: "PUBLISHED" });
    for (const { target } of [failed, published]) {
      expect(await outcome(as("OWNER").posts.confirmLive({ targetId: target.id }))).toBe("BAD_REQUEST");
      expect(await outcome(as("OWNER").posts.sendAgain({ targetId: target.id }))).toBe("BAD_REQUEST");
    }
  });
});

describe("posts.sendAgain", () => {
  it("queues a new attempt deliberately: the ledger records the decision, the event is in the outbox", async () => {
    const targetId = await unconfirmedTarget(tenant);
    const before = await ledgerOf(targetId);

    await as("ADMIN").posts.sendAgain({ targetId });

    const ledger = await ledgerOf(targetId);
    expect(ledger).toMatchObject({ state: "QUEUED", errorCode: "SEND_AGAIN_BY_USER", attempts: 1, outcomeUnknownAt: before.outcomeUnknownAt, queuedAt: before.queuedAt });
    const target = await targetOf(targetId);
    expect(target).toMatchObject({ status: "SCHEDULED", lastError: null });
    expect((await systemDb().post.findUniqueOrThrow({ where: { id: target.postId } })).status).toBe("PUBLISHING");
    const event = await systemDb().eventOutbox.findUnique({ where: { eventId: `send-again:${targetId}:v1:a1` } });
    expect(event).toMatchObject({ name: "post/publish.requested", organizationId: tenant.id });
    expect(event?.payload).toMatchObject({ postId: target.postId, scheduleVersion: 1, targetIds: [targetId] });
    expect(await auditOf("posts.sendAgain", target.postId)).toHaveLength(1);
  });

  it("asks for a reconnect first when the account is not connected", async () => {
    const targetId = await unconfirmedTarget(tenant);
    const { socialAccountId } = await targetOf(targetId);
    await systemDb().socialAccount.update({ where: { id: socialAccountId }, data: { status: "NEEDS_RECONNECT" } });

    expect(await outcome(as("OWNER").posts.sendAgain({ targetId }))).toBe("BAD_REQUEST");
    expect((await ledgerOf(targetId)).state).toBe("OUTCOME_UNKNOWN");
  });
});

describe("an unconfirmed post waits for the decision", () => {
  it("cannot be moved, published now or edited (that would send it again without anyone deciding)", async () => {
    const targetId = await unconfirmedTarget(tenant);
    const { postId, socialAccountId } = await targetOf(targetId);
    const owner = as("OWNER");

    expect(await outcome(owner.posts.schedule({ postId, timezone: "Europe/London", localTime: futureLocalTime(3) }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.posts.publishNow({ postId }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.posts.update({ postId, content: "changed", targets: [{ socialAccountId }], intent: "draft" }))).toBe("BAD_REQUEST");
    expect((await ledgerOf(targetId)).state).toBe("OUTCOME_UNKNOWN");
  });

  it("lists under its own status filter, and each target names where to check it", async () => {
    const targetId = await unconfirmedTarget(tenant);
    const { postId } = await targetOf(targetId);
    const x = await systemDb().socialAccount.create({
      data: { organizationId: tenant.id, network: "X", externalId: `x-${randomUUID()}`, name: "Northwind on X", handle: "northwind", status: "CONNECTED" },
    });
    await systemDb().postTarget.create({ data: { organizationId: tenant.id, postId, socialAccountId: x.id, network: "X", status: "PUBLISHED" } });

    const page = await as("VIEWER").posts.search({ statuses: ["OUTCOME_UNKNOWN"], limit: 50 });
    expect(page.items.map((p) => p.id)).toContain(postId);
    expect(page.items.every((p) => p.status === "OUTCOME_UNKNOWN")).toBe(true);
    const full = await as("VIEWER").posts.get({ postId });
    expect(full.targets.map((t) => [t.socialAccount.network, t.checkUrl])).toEqual([
      ["SANDBOX", null],
      ["X", "https://x.com/northwind"],
    ]);
    expect(full.targets[0]).not.toHaveProperty("socialAccount.externalId");
  });
});

describe("the whole path on a Sandbox that loses the answer", () => {
  const SLEEPS = ["wait-before-verify-1", "wait-before-verify-2", "wait-before-verify-3"].map((id) => ({ id, handler: () => undefined }));

  async function connectedSandboxPost(drops: ("before" | "after" | null)[]) {
    let now = Date.now();
    setNetworkAdapterOverride(
      "SANDBOX",
      createSandboxAdapter({ appUrl: integrationsEnv().APP_URL, now: () => new Date(now), faults: { idempotency: false, lookupLagMs: 30_000, drop: () => drops.shift() ?? null } }),
    );
    const owner = as("OWNER");
    const { authorizationUrl } = await owner.socialAccounts.startConnect({ network: "SANDBOX" });
    const url = new URL(authorizationUrl);
    const code = encodeSandboxCode({ name: "Unconfirmed Bakery", handle: `unconfirmed_${randomUUID().slice(0, 8)}`, codeChallenge: url.searchParams.get("code_challenge") ?? "" });
    const { accountIds } = await completeConnect({ network: "SANDBOX", code, state: url.searchParams.get("state") ?? "", userId: tenant.users.OWNER.id });
    const accountId = accountIds[0];
    if (!accountId) throw new Error("the Sandbox connect returned no account");
    const post = await owner.posts.create({
      content: `Rye loaves ${randomUUID().slice(0, 6)}`,
      targets: [{ socialAccountId: accountId }],
      intent: "schedule",
      schedule: { timezone: "Europe/London", localTime: futureLocalTime(1, "08:00") },
    });
    const full = await owner.posts.get({ postId: post.id });
    const targetId = full.targets[0]!.id;
    const account = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: accountId } });
    const input = () => ({ organizationId: tenant.id, targetId, scheduleVersion: 1, now: new Date(now) });
    // The request never reaches the Sandbox; after its lag window nothing proves it either way.
    await expect(publishTarget(input())).rejects.toThrow(/No answer/);
    now += 5 * 60_000;
    expect(await publishTarget(input())).toMatchObject({ state: "OUTCOME_UNKNOWN" });
    return { post, targetId, account };
  }

  it("send it again: the new attempt goes out once and is verified", async () => {
    const { post, targetId, account } = await connectedSandboxPost(["before"]);
    const manager = as("CONTENT_MANAGER");
    expect((await manager.posts.get({ postId: post.id })).targets[0]).toMatchObject({ status: "OUTCOME_UNKNOWN", lastError: expect.stringMatching(/^We couldn't confirm this went out on Sandbox/) });

    await manager.posts.sendAgain({ targetId });
    const captured = await systemDb().eventOutbox.findUniqueOrThrow({ where: { eventId: `send-again:${targetId}:v1:a1` } });
    const event = { name: "post/publish.requested" as const, id: captured.eventId, data: captured.payload as Record<string, unknown> };
    const run = await new InngestTestEngine({ function: publishRequested, events: [event], steps: SLEEPS }).execute();

    expect(run.error).toBeUndefined();
    const onNetwork = await sandboxPostsFor(account.externalId);
    expect(onNetwork).toHaveLength(1);
    const full = await manager.posts.get({ postId: post.id });
    expect(full.status).toBe("PUBLISHED");
    expect(full.targets[0]).toMatchObject({ status: "PUBLISHED", externalId: onNetwork[0]!.externalId });
    expect(full.targets[0]!.ledger[0]).toMatchObject({ state: "VERIFIED", attempts: 2 });
  });
});
