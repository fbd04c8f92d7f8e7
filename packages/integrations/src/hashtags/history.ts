import { tagKey, toHashtag } from "./tags";
import type { HashtagSuggestion } from "./types";

export interface HistoryRow {
  tags: string[];
  engagementRate: number;
}

/**
 * Tags that went with above-average engagement in the organization's own posts. Each tag's mean is
 * shrunk towards the overall average as if it had PRIOR_POSTS more average posts (empirical Bayes),
 * so one lucky post does not outrank a tag that worked again and again. Scores fall in 0.5–1; a
 * tag the draft's keywords also mention gets a bonus.
 */
const PRIOR_POSTS = 2;

export function historySuggestions(history: readonly HistoryRow[], relatedKeys: ReadonlySet<string> = new Set()): HashtagSuggestion[] {
  const rows = history.filter((r) => Number.isFinite(r.engagementRate) && r.engagementRate >= 0);
  if (rows.length === 0) return [];
  const average = rows.reduce((sum, r) => sum + r.engagementRate, 0) / rows.length;
  if (average <= 0) return [];

  const byTag = new Map<string, { tag: string; total: number; uses: number }>();
  for (const row of rows) {
    for (const key of new Set(row.tags.map(tagKey))) {
      const tag = toHashtag(row.tags.find((t) => tagKey(t) === key) ?? key);
      if (!tag) continue;
      const entry = byTag.get(key) ?? { tag, total: 0, uses: 0 };
      entry.total += row.engagementRate;
      entry.uses += 1;
      byTag.set(key, entry);
    }
  }

  const ranked = [...byTag.entries()]
    .map(([key, e]) => ({ key, tag: e.tag, strength: (e.total + PRIOR_POSTS * average) / (e.uses + PRIOR_POSTS) / average - 1 }))
    .filter((e) => e.strength > 0);
  const strongest = Math.max(...ranked.map((e) => e.strength));
  return ranked.map((e) => ({
    tag: e.tag,
    source: "history" as const,
    score: Math.min(1, 0.5 + 0.4 * (e.strength / strongest) + (relatedKeys.has(e.key) ? 0.1 : 0)),
  }));
}
