import { aiConfigFromEnv, suggestHashtags, type HistoryRow } from "@mg/integrations/hashtags";
import type { TenantDb } from "@mg/db";
import { cheapestPlanWithFeature, type PlanId } from "../../plans";
import { hasFeature } from "../../quotas";
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

export interface HashtagAiStatus {
  /** The server has an AI model configured. */
  configured: boolean;
  /** The model was asked for this answer. */
  used: boolean;
  /** The model failed: the other sources answered. */
  error: string | null;
  /** Set when the organization's plan lacks the AI assistant: the model was not asked at all. */
  notInPlan: { plan: PlanId; suggestedPlan: PlanId | null } | null;
}

/**
 * Suggestions for a draft. Per-operation scoping: the AI model may be called, and no database
 * transaction is held open across that request. Rate limited per user for the same reason.
 * The AI model is asked only when the plan includes the AI assistant; without it the
 * organization's history and the post's keywords still answer, and the answer says why.
 */
export const suggest = orgProcedure("posts.create", { transaction: "per-operation" })
  .use(rateLimit("hashtagSuggestions"))
  .input(suggestHashtagsInput)
  .query(async ({ ctx, input }) => {
    const model = aiConfigFromEnv();
    const included = hasFeature(ctx.org, "aiAssistant");
    const history = await hashtagHistory(ctx.db);
    const result = await suggestHashtags({ content: input.content, history, network: input.network ?? null, limit: SUGGESTIONS }, { ai: included ? model : null });
    const ai: HashtagAiStatus = {
      configured: model !== null,
      used: result.ai.configured && result.ai.error === null,
      error: result.ai.error,
      notInPlan: included ? null : { plan: ctx.org.plan, suggestedPlan: cheapestPlanWithFeature("aiAssistant") },
    };
    return { suggestions: result.suggestions, ai };
  });
