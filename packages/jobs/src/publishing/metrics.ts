import { randomUUID } from "node:crypto";
import { Prisma, withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { isNetworkError, type AccountMetrics, type PostMetrics } from "@mg/integrations/types";
import { accountAuth, adapterFor } from "./network";
import { flagReconnect } from "./reconnect";

/** Posts published within this window are refreshed on every sync. */
export const METRICS_LOOKBACK_DAYS = 30;

/** The start of `date`'s UTC hour: the period key of a post snapshot. */
export function hourStart(date: Date): Date {
  const d = new Date(date.getTime());
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** "YYYY-MM-DD" of `date` in UTC: the period key of an account snapshot. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Every connected account, across organizations (the metrics cron fans out from this). */
export async function accountsToSync(): Promise<{ organizationId: string; socialAccountId: string }[]> {
  const rows = await systemDb().socialAccount.findMany({
    where: { status: "CONNECTED", organization: { deletedAt: null } },
    select: { id: true, organizationId: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, socialAccountId: r.id }));
}

export interface SyncAccountInput {
  organizationId: string;
  socialAccountId: string;
  now?: Date;
}

export interface SyncAccountResult {
  status: "synced" | "skipped";
  reason?: string;
  posts: number;
  /** Posts whose metrics could not be fetched this time (they keep their last snapshot). */
  failedPosts: number;
  account: boolean;
}

export class MetricsSyncIncompleteError extends Error {
  override name = "MetricsSyncIncompleteError";
}

/**
 * Pulls the account's and its recent posts' metrics and stores them as snapshots keyed by
 * (target, UTC hour) and (account, UTC day). Networks report cumulative totals, so a snapshot is
 * replaced, never added to: running twice in an hour stores the same rows with the latest values.
 * A snapshot is stored as the network said it, also when it is lower than the hour before (a
 * recount, a reset): the analytics read gains as max(0, difference) and mark the drop
 * (docs/social-publishing.md, "Analytics numbers"). `now` is the sync's clock: it keys the rows
 * and bounds which posts exist yet, so the demo seed can replay past hours through this function.
 * The network is called outside any transaction; the writes happen in one short one at the end.
 */
export async function syncAccountMetrics(input: SyncAccountInput): Promise<SyncAccountResult> {
  const now = input.now ?? new Date();
  const { organizationId, socialAccountId } = input;
  const since = new Date(now.getTime() - METRICS_LOOKBACK_DAYS * 86_400_000);

  const loaded = await withOrg(organizationId, async (db) => {
    const account = await db.socialAccount.findUnique({ where: { id: socialAccountId } });
    if (!account) return null;
    const targets = await db.postTarget.findMany({
      where: { socialAccountId, status: "PUBLISHED", externalId: { not: null }, publishedAt: { gte: since, lte: now } },
      select: { id: true, externalId: true },
      orderBy: { publishedAt: "desc" },
    });
    return { account, targets };
  });
  if (!loaded) return { status: "skipped", reason: "account not found", posts: 0, failedPosts: 0, account: false };
  const { account, targets } = loaded;
  if (account.status !== "CONNECTED") return { status: "skipped", reason: `account is ${account.status.toLowerCase()}`, posts: 0, failedPosts: 0, account: false };

  const adapter = adapterFor(account.network);
  const auth = await accountAuth(account);
  const postMetrics: { targetId: string; metrics: PostMetrics }[] = [];
  let accountMetrics: AccountMetrics | null = null;
  let retryable: unknown = null;
  let authExpired: string | null = null;

  const attempt = async <T>(call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (error) {
      if (isNetworkError(error) && error.code === "AUTH_EXPIRED") authExpired = error.message;
      // NOT_FOUND: deleted on the network; UNAVAILABLE: the network offers no metrics for this account.
      else if (!isNetworkError(error) || (error.code !== "NOT_FOUND" && error.code !== "UNAVAILABLE")) retryable ??= error;
      return null;
    }
  };

  for (const target of targets) {
    if (authExpired) break;
    const externalId = target.externalId;
    if (!externalId) continue;
    const metrics = await attempt(() => adapter.fetchMetrics(auth, externalId));
    if (metrics) postMetrics.push({ targetId: target.id, metrics });
  }
  if (!authExpired) accountMetrics = await attempt(() => adapter.fetchAccountMetrics(auth));

  const periodStart = hourStart(now);
  const day = utcDay(now);
  await withOrg(organizationId, async (db) => {
    // One statement for all the account's posts (an upsert per post was a round trip or two each).
    if (postMetrics.length > 0) {
      const rows = postMetrics.map(({ targetId, metrics }) => {
        const v = pickPostMetrics(metrics);
        return Prisma.sql`(${randomUUID()}::uuid, ${organizationId}::uuid, ${targetId}::uuid, ${socialAccountId}::uuid, ${periodStart}, ${v.impressions}, ${v.reach}, ${v.likes}, ${v.comments}, ${v.shares}, ${v.clicks}, ${now})`;
      });
      await db.$executeRaw`
        INSERT INTO post_metrics (id, organization_id, post_target_id, social_account_id, period_start, impressions, reach, likes, comments, shares, clicks, fetched_at)
        VALUES ${Prisma.join(rows)}
        ON CONFLICT (post_target_id, period_start) DO UPDATE SET
          impressions = EXCLUDED.impressions, reach = EXCLUDED.reach, likes = EXCLUDED.likes, comments = EXCLUDED.comments,
          shares = EXCLUDED.shares, clicks = EXCLUDED.clicks, fetched_at = EXCLUDED.fetched_at`;
    }
    if (accountMetrics) {
      const values = { followers: accountMetrics.followers, impressions: accountMetrics.impressions, engagements: accountMetrics.engagements };
      await db.accountMetric.upsert({
        where: { socialAccountId_day: { socialAccountId, day } },
        create: { organizationId, socialAccountId, day, ...values, fetchedAt: now },
        update: { ...values, fetchedAt: now },
      });
    }
    if (authExpired) await flagReconnect(db, organizationId, account, authExpired);
  });

  const result: SyncAccountResult = {
    status: "synced",
    posts: postMetrics.length,
    failedPosts: targets.length - postMetrics.length,
    account: accountMetrics !== null,
  };
  if (authExpired) return { ...result, reason: "the account needs reconnecting" };
  // What was fetched is stored; a retry refetches the rest and overwrites the same rows.
  if (retryable) throw new MetricsSyncIncompleteError(`some metrics could not be fetched (${result.failedPosts} post(s), account: ${result.account ? "ok" : "failed"}): ${String(retryable)}`, { cause: retryable });
  return result;
}

function pickPostMetrics(m: PostMetrics) {
  const n = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0);
  return { impressions: n(m.impressions), reach: n(m.reach), likes: n(m.likes), comments: n(m.comments), shares: n(m.shares), clicks: n(m.clicks) };
}
