import { suggestHashtags, type HistoryRow } from "@mg/integrations/hashtags";
import type { TenantDb } from "@mg/db";
import { orgProcedure, rateLimit } from "../../trpc/init";
import { suggestHashtagsInput } from "../../schemas/hashtags";
import { countersOf, engagementRate, engagementsOf, latestSnapshots } from "../analytics/metrics";

const HISTORY_TARGETS = 300;
const SUGGESTIONS = 15;
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;

/**
 * The organization's own record: each published target's hashtags with the engagement rate of
 * its latest snapshot (targets without impressions yet say nothing and are left out).
 */
async function hashtagHistory(db: TenantDb): Promise<HistoryRow[]> {
  const targets = await db.postTarget.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { publishedAt: "desc" },
    take: HISTORY_TARGETS,
    select: { id: true, variantContent: true, post: { select: { content: true } } },
  });
  const latest = await latestSnapshots(
    db,
    targets.map((t) => t.id),
  );
  return targets.flatMap((target) => {
    const snapshot = latest.get(target.id);
    if (!snapshot || snapshot.impressions <= 0) return [];
    const tags = [...(target.variantContent ?? target.post.content).matchAll(HASHTAG)].map((m) => `#${m[1] ?? ""}`);
    if (tags.length === 0) return [];
    const counters = countersOf(snapshot);
    return [{ tags, engagementRate: engagementRate(engagementsOf(counters), counters.impressions) }];
  });
}

/**
 * Suggestions for a draft. Per-operation scoping: the AI model may be called, and no database
 * transaction is held open across that request. Rate limited per user for the same reason.
 */
export const suggest = orgProcedure("posts.create", { transaction: "per-operation" })
  .use(rateLimit("hashtagSuggestions"))
  .input(suggestHashtagsInput)
  .query(async ({ ctx, input }) => {
    const history = await hashtagHistory(ctx.db);
    return suggestHashtags({ content: input.content, history, network: input.network ?? null, limit: SUGGESTIONS });
  });
