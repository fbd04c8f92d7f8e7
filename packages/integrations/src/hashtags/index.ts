import { integrationsEnv } from "../env";
import type { NetworkId } from "../types";
import { aiSuggestions, type AiConfig } from "./ai";
import { historySuggestions } from "./history";
import { keywordSuggestions } from "./keywords";
import { tagKey, tagsInText } from "./tags";
import type { HashtagSource, HashtagSuggestInput, HashtagSuggestResult, HashtagSuggestion } from "./types";

export type { HashtagSource, HashtagSuggestInput, HashtagSuggestResult, HashtagSuggestion } from "./types";
export type { AiConfig } from "./ai";
export { historySuggestions, type HistoryRow } from "./history";
export { keywordSuggestions } from "./keywords";
export { toHashtag } from "./tags";

/** How many hashtags each network's audience tolerates; more reads as spam (X, LinkedIn) or is refused (Instagram: 30). */
export const HASHTAG_CAP: Record<NetworkId, number> = { SANDBOX: 30, FACEBOOK: 5, INSTAGRAM: 30, LINKEDIN: 5, X: 3, TIKTOK: 10 };

/** The AI model from OPENAI_API_KEY / OPENAI_BASE_URL / AI_MODEL, or null when neither is set. */
export function aiConfigFromEnv(): AiConfig | null {
  const env = integrationsEnv();
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return null;
  return { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.AI_MODEL };
}

const SOURCE_ORDER: Record<HashtagSource, number> = { history: 0, ai: 1, keywords: 2 };

/**
 * Suggestions from the organization's history, offline keyword extraction and, when configured,
 * an AI model. A tag found by several sources ranks higher. An AI failure is reported in
 * `ai.error` and the other sources still answer: this never throws because of the model.
 */
export async function suggestHashtags(input: HashtagSuggestInput, options: { ai?: AiConfig | null } = {}): Promise<HashtagSuggestResult> {
  const ai = options.ai === undefined ? aiConfigFromEnv() : options.ai;
  const limit = Math.max(0, Math.min(input.limit, input.network ? HASHTAG_CAP[input.network] : Number.POSITIVE_INFINITY));
  const keywords = keywordSuggestions(input.content);
  const history = historySuggestions(input.history, new Set(keywords.map((k) => tagKey(k.tag))));

  let fromAi: HashtagSuggestion[] = [];
  let aiError: string | null = null;
  if (ai && input.content.trim() !== "") {
    try {
      fromAi = await aiSuggestions(ai, { content: input.content, network: input.network, limit: Math.max(limit, 5) });
    } catch (error) {
      aiError = `AI suggestions are unavailable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  const suggestions = merge([...history, ...fromAi, ...keywords], tagsInText(input.content)).slice(0, limit);
  return { suggestions, ai: { configured: ai !== null, error: aiError } };
}

/** One entry per tag: the best source's score, plus 0.1 for every other source that agrees. */
function merge(all: HashtagSuggestion[], alreadyInText: ReadonlySet<string>): HashtagSuggestion[] {
  const byKey = new Map<string, { best: HashtagSuggestion; sources: Set<HashtagSource> }>();
  for (const suggestion of all) {
    const key = tagKey(suggestion.tag);
    if (alreadyInText.has(key)) continue;
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { best: suggestion, sources: new Set([suggestion.source]) });
      continue;
    }
    entry.sources.add(suggestion.source);
    if (suggestion.score > entry.best.score) entry.best = suggestion;
  }
  return [...byKey.values()]
    .map(({ best, sources }) => ({ ...best, score: round(Math.min(1, best.score + 0.1 * (sources.size - 1))) }))
    .sort((a, b) => b.score - a.score || SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || a.tag.localeCompare(b.tag));
}

const round = (n: number) => Math.round(n * 1000) / 1000;
