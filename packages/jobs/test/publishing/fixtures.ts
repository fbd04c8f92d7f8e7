import { randomUUID } from "node:crypto";
import type { SocialNetwork } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { encodeSandboxCode, encryptSecret, getNetworkAdapter, tokenColumnsFor } from "@mg/integrations";
import { Fixtures } from "../helpers/fixtures";

export interface TestAccount {
  id: string;
  organizationId: string;
  externalId: string;
  network: SocialNetwork;
  connectedAt: Date;
}

export interface TestPost {
  id: string;
  organizationId: string;
  scheduleVersion: number;
  scheduledAt: Date;
  targetIds: string[];
}

/** Organizations, social accounts and posts created directly (as the API would), removed at the end. */
export class PublishingFixtures extends Fixtures {
  private readonly sandboxExternalIds: string[] = [];

  async org(name = "Publishing Co"): Promise<string> {
    const { org } = await this.organizationWithOwner(name);
    return org.id;
  }

  /** A real Sandbox account: tokens from the Sandbox's own code exchange, encrypted like the API stores them. */
  async sandboxAccount(organizationId: string, name = "Sandbox Page"): Promise<TestAccount> {
    const handle = `t_${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    const adapter = getNetworkAdapter("SANDBOX");
    const { tokens, profiles } = await adapter.exchangeCode({ code: encodeSandboxCode({ name, handle }), codeVerifier: "v".repeat(43), redirectUri: "http://localhost/cb" });
    const profile = profiles[0];
    if (!profile) throw new Error("Sandbox returned no profile");
    this.sandboxExternalIds.push(profile.externalId);
    const account = await systemDb().socialAccount.create({
      data: { organizationId, network: "SANDBOX", externalId: profile.externalId, name, handle: profile.handle, metadata: { handle }, ...tokenColumnsFor(tokens) },
    });
    return { id: account.id, organizationId, externalId: account.externalId, network: "SANDBOX", connectedAt: account.connectedAt };
  }

  /** An account on `network` with an opaque token (its adapter is a test override). */
  async account(
    organizationId: string,
    network: SocialNetwork,
    overrides: { status?: "CONNECTED" | "NEEDS_RECONNECT"; tokenExpiresAt?: Date | null; accessToken?: string; refreshToken?: string | null } = {},
  ): Promise<TestAccount> {
    const account = await systemDb().socialAccount.create({
      data: {
        organizationId,
        network,
        externalId: `ext-${randomUUID()}`,
        name: `${network} Account`,
        accessTokenEnc: encryptSecret(overrides.accessToken ?? "access-token"),
        refreshTokenEnc: overrides.refreshToken === null ? null : encryptSecret(overrides.refreshToken ?? "refresh-token"),
        tokenExpiresAt: overrides.tokenExpiresAt ?? null,
        status: overrides.status ?? "CONNECTED",
      },
    });
    return { id: account.id, organizationId, externalId: account.externalId, network, connectedAt: account.connectedAt };
  }

  /** A SCHEDULED post with one target per account (what scheduling through the API leaves behind). */
  async scheduledPost(
    organizationId: string,
    accounts: readonly TestAccount[],
    options: { scheduledAt?: Date; scheduleVersion?: number; content?: string; status?: "SCHEDULED" | "DRAFT"; abTestId?: string; abVariantKey?: string } = {},
  ): Promise<TestPost> {
    const scheduledAt = options.scheduledAt ?? new Date(Date.now() + 86_400_000);
    const scheduleVersion = options.scheduleVersion ?? 1;
    const status = options.status ?? "SCHEDULED";
    const db = systemDb();
    const post = await db.post.create({
      data: {
        organizationId,
        content: options.content ?? `Hello from a test ${randomUUID().slice(0, 8)}`,
        status,
        timezone: "Europe/London",
        localTime: "2026-06-01T09:00",
        scheduledAt,
        scheduleVersion,
        abTestId: options.abTestId,
        abVariantKey: options.abVariantKey,
      },
    });
    const targetIds: string[] = [];
    for (const account of accounts) {
      const target = await db.postTarget.create({
        data: { organizationId, postId: post.id, socialAccountId: account.id, network: account.network, status, scheduledAt },
      });
      targetIds.push(target.id);
    }
    return { id: post.id, organizationId, scheduleVersion, scheduledAt, targetIds };
  }

  override async cleanup(): Promise<void> {
    await systemDb().sandboxPost.deleteMany({ where: { accountExternalId: { in: this.sandboxExternalIds } } });
    await super.cleanup();
  }
}

export function ledgerOf(targetId: string) {
  return systemDb().publishLedger.findMany({ where: { postTargetId: targetId }, orderBy: { scheduleVersion: "asc" } });
}

export function targetOf(targetId: string) {
  return systemDb().postTarget.findUniqueOrThrow({ where: { id: targetId } });
}

export function postOf(postId: string) {
  return systemDb().post.findUniqueOrThrow({ where: { id: postId } });
}

export function alertsOf(organizationId: string) {
  return systemDb().alert.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
}
