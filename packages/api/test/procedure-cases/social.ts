import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemDb } from "@mg/db/system";
import { encodeSandboxCode, getNetworkAdapter, oauthRedirectUri, tokenColumnsFor } from "@mg/integrations";
import { resetIntegrationsEnv } from "@mg/integrations/env";
import type { ProcedureCase } from "../procedure-cases";
import type { Tenant } from "../fixtures";

// The Sandbox is the "third party" here: no random failures or latency, and media on a scratch disk.
process.env.SANDBOX_FAILURE_RATE = "0";
process.env.SANDBOX_LATENCY_MS = "0";
process.env.MEDIA_DIR ??= join(tmpdir(), "mg-api-test-media");
resetIntegrationsEnv();

/** A connected Sandbox account with real (encrypted) Sandbox tokens, made through the system path. */
export async function freshAccount(tenant: Tenant | { id: string }, options: { handle?: string } = {}): Promise<string> {
  const handle = options.handle ?? `acct_${randomUUID().slice(0, 8)}`;
  const { tokens, profiles } = await getNetworkAdapter("SANDBOX").exchangeCode({
    code: encodeSandboxCode({ name: `Account ${handle}`, handle }),
    codeVerifier: "fixture",
    redirectUri: oauthRedirectUri("SANDBOX"),
  });
  const profile = profiles[0];
  if (!profile) throw new Error("Sandbox returned no profile");
  const account = await systemDb().socialAccount.create({
    data: { organizationId: tenant.id, network: "SANDBOX", externalId: profile.externalId, name: profile.name, handle: profile.handle ?? null, ...tokenColumnsFor(tokens) },
  });
  return account.id;
}

/** A post scheduled tomorrow on one account (created when not given). */
export async function freshPost(tenant: Tenant | { id: string }, accountId?: string, options: { status?: "DRAFT" | "SCHEDULED"; scheduledAt?: Date } = {}): Promise<string> {
  const socialAccountId = accountId ?? (await freshAccount(tenant));
  const status = options.status ?? "SCHEDULED";
  const scheduledAt = options.scheduledAt ?? new Date(Date.now() + 86_400_000);
  const post = await systemDb().post.create({
    data: {
      organizationId: tenant.id,
      content: "Fresh bread every morning #sourdough",
      status,
      timezone: "Europe/London",
      localTime: scheduledAt.toISOString().slice(0, 16),
      scheduledAt,
      targets: { create: { organizationId: tenant.id, socialAccountId, network: "SANDBOX", status, scheduledAt } },
    },
  });
  return post.id;
}

export async function freshCampaign(tenant: Tenant | { id: string }): Promise<string> {
  const campaign = await systemDb().campaign.create({
    data: { organizationId: tenant.id, name: `Campaign ${randomUUID().slice(0, 8)}`, startsOn: "2026-01-01", endsOn: "2026-12-31" },
  });
  return campaign.id;
}

export async function freshMedia(tenant: Tenant | { id: string }): Promise<string> {
  const key = `${tenant.id}/${randomUUID()}-fixture.png`;
  const asset = await systemDb().mediaAsset.create({
    data: { organizationId: tenant.id, storage: "LOCAL", key, url: `http://localhost:3000/api/media/${key}`, fileName: "fixture.png", mimeType: "image/png", kind: "IMAGE", sizeBytes: 1024 },
  });
  return asset.id;
}

export async function freshAlert(tenant: Tenant | { id: string }): Promise<string> {
  const alert = await systemDb().alert.create({
    data: { organizationId: tenant.id, kind: "PUBLISH_FAILED", title: "A post failed", body: "Sandbox said no.", dedupeKey: randomUUID() },
  });
  return alert.id;
}

export async function freshAbTest(tenant: Tenant | { id: string }): Promise<string> {
  const test = await systemDb().abTest.create({ data: { organizationId: tenant.id, name: `Test ${randomUUID().slice(0, 8)}`, decideAt: new Date(Date.now() + 3 * 86_400_000) } });
  return test.id;
}

/** A 1×1 PNG. */
export const TINY_PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);

export function uploadForm(bytes: Uint8Array = TINY_PNG, name = "pixel.png", type = "image/png"): FormData {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return form;
}

async function twoScheduledPosts(tenant: Tenant | { id: string }): Promise<string[]> {
  const accountId = await freshAccount(tenant);
  return [await freshPost(tenant, accountId), await freshPost(tenant, accountId, { scheduledAt: new Date(Date.now() + 2 * 86_400_000) })];
}

export const SOCIAL_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "socialAccounts.list": { valid: () => undefined },
  "socialAccounts.networks": { valid: () => undefined },
  "socialAccounts.startConnect": {
    valid: () => ({ network: "SANDBOX" }),
    foreign: async (_self, other) => ({ network: "SANDBOX", reconnectAccountId: await freshAccount(other) }),
  },
  "socialAccounts.disconnect": {
    valid: async (t) => ({ accountId: await freshAccount(t) }),
    foreign: async (_self, other) => ({ accountId: await freshAccount(other) }),
  },
  "socialAccounts.refreshToken": {
    valid: async (t) => ({ accountId: await freshAccount(t) }),
    foreign: async (_self, other) => ({ accountId: await freshAccount(other) }),
  },
  "queueSlots.list": {
    valid: async (t) => ({ accountId: await freshAccount(t) }),
    foreign: async (_self, other) => ({ accountId: await freshAccount(other) }),
  },
  "queueSlots.set": {
    valid: async (t) => ({ accountId: await freshAccount(t), slots: [{ weekday: 1, localTime: "09:00" }] }),
    foreign: async (_self, other) => ({ accountId: await freshAccount(other), slots: [] }),
  },
  "queueSlots.nextFree": {
    valid: async (t) => ({ accountIds: [await freshAccount(t)] }),
    foreign: async (self, other) => ({ accountIds: [await freshAccount(self), await freshAccount(other)] }),
  },
  "media.list": {
    valid: () => ({ limit: 10 }),
    foreign: async (_self, other) => ({ cursor: await freshMedia(other), limit: 10 }),
    foreignAnswer: { kind: "as-unknown-id", reason: "A cursor is a position in the caller's own library: another organization's asset is no position in it, like an id that exists nowhere (an empty page)." },
  },
  "media.upload": { valid: () => uploadForm() },
  "media.delete": {
    valid: async (t) => ({ mediaId: await freshMedia(t) }),
    foreign: async (_self, other) => ({ mediaId: await freshMedia(other) }),
  },
  "campaigns.list": { valid: () => ({ includeArchived: true }) },
  "campaigns.get": {
    valid: async (t) => ({ campaignId: await freshCampaign(t) }),
    foreign: async (_self, other) => ({ campaignId: await freshCampaign(other) }),
  },
  "campaigns.create": { valid: () => ({ name: `Launch ${randomUUID().slice(0, 8)}`, startsOn: "2026-03-01", endsOn: "2026-03-31", kpiTargets: [{ metric: "impressions", target: 10_000 }] }) },
  "campaigns.update": {
    valid: async (t) => ({ campaignId: await freshCampaign(t), goal: "More bread sold" }),
    foreign: async (_self, other) => ({ campaignId: await freshCampaign(other), goal: "Hijacked" }),
  },
  "campaigns.archive": {
    valid: async (t) => ({ campaignId: await freshCampaign(t), archived: true }),
    foreign: async (_self, other) => ({ campaignId: await freshCampaign(other), archived: true }),
  },
  "abTests.list": { valid: () => undefined },
  "abTests.get": {
    valid: async (t) => ({ abTestId: await freshAbTest(t) }),
    foreign: async (_self, other) => ({ abTestId: await freshAbTest(other) }),
  },
  "abTests.create": {
    valid: async (t) => ({ name: "Headline test", metric: "ENGAGEMENT_RATE", windowHours: 24, postIds: await twoScheduledPosts(t) }),
    foreign: async (_self, other) => ({ name: "Stolen test", metric: "LIKES", windowHours: 24, postIds: await twoScheduledPosts(other) }),
  },
  "analytics.overview": { valid: () => ({ days: 30 }) },
  "analytics.postMetrics": {
    valid: async (t) => ({ postId: await freshPost(t) }),
    foreign: async (_self, other) => ({ postId: await freshPost(other) }),
  },
  "analytics.export": { valid: () => ({ days: 30 }) },
  "analytics.accountMetrics": {
    valid: async (t) => ({ accountId: await freshAccount(t), days: 7 }),
    foreign: async (_self, other) => ({ accountId: await freshAccount(other), days: 7 }),
  },
  "alerts.list": { valid: () => ({ unreadOnly: false }) },
  "alerts.markRead": {
    valid: async (t) => ({ alertIds: [await freshAlert(t)] }),
    foreign: async (_self, other) => ({ alertIds: [await freshAlert(other)] }),
  },
  "hashtags.suggest": { valid: () => ({ content: "Our new sourdough loaf is out of the oven #bakery", network: "INSTAGRAM" }) },
};
