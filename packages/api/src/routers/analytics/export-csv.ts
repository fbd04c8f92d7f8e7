import { toCsv, type CsvValue } from "../../csv/write-csv";
import { orgProcedure } from "../../trpc/init";
import { analyticsExportInput } from "../../schemas/analytics";
import { countersOf, withRate, ZERO } from "../../services/analytics/counters";
import { utcDay, windowStart } from "../../services/analytics/periods";
import { latestSnapshots } from "../../services/analytics/snapshots";

export const EXPORT_COLUMNS = [
  "published_at",
  "network",
  "account",
  "handle",
  "content",
  "url",
  "impressions",
  "reach",
  "likes",
  "comments",
  "shares",
  "clicks",
  "engagements",
  "engagement_rate",
  "metrics_as_of",
  "post_id",
] as const;

/**
 * The organization's post metrics as a CSV file it can take elsewhere: one row per published
 * post and account, with that target's latest snapshot — what the network says the post has now
 * (the analytics page shows what posts gained within a period instead; docs/social-publishing.md).
 * Written by the shared CSV writer, so a post whose text starts with `=` stays text in a
 * spreadsheet. A query, not a mutation: a suspended organization may still take its data out.
 */
export const exportCsv = orgProcedure("analytics.export")
  .input(analyticsExportInput)
  .query(async ({ ctx, input }) => {
    const targets = await ctx.db.postTarget.findMany({
      where: { status: "PUBLISHED", ...(input.days ? { publishedAt: { gte: windowStart(input.days) } } : {}) },
      orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        postId: true,
        network: true,
        variantContent: true,
        externalUrl: true,
        publishedAt: true,
        post: { select: { content: true } },
        socialAccount: { select: { name: true, handle: true } },
      },
    });
    const latest = await latestSnapshots(
      ctx.db,
      targets.map((t) => t.id),
    );
    const rows: CsvValue[][] = [[...EXPORT_COLUMNS]];
    for (const target of targets) {
      const snapshot = latest.get(target.id);
      const numbers = withRate(snapshot ? countersOf(snapshot) : ZERO);
      rows.push([
        target.publishedAt?.toISOString() ?? null,
        target.network,
        target.socialAccount.name,
        target.socialAccount.handle,
        target.variantContent ?? target.post.content,
        target.externalUrl,
        numbers.impressions,
        numbers.reach,
        numbers.likes,
        numbers.comments,
        numbers.shares,
        numbers.clicks,
        numbers.engagements,
        numbers.engagementRate,
        snapshot?.periodStart.toISOString() ?? null,
        target.postId,
      ]);
    }
    const scope = input.days ? `last-${input.days}-days` : "all";
    return { fileName: `${ctx.org.slug}-post-metrics-${scope}-${utcDay(new Date())}.csv`, rowCount: targets.length, csv: toCsv(rows) };
  });
