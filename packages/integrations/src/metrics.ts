import type { PostMetrics } from "./types";

/**
 * How engagement is counted everywhere (analytics, A/B decisions, best times): one definition.
 * Browser-safe.
 */
export const METRIC_KEYS = ["impressions", "reach", "likes", "comments", "shares", "clicks"] as const satisfies readonly (keyof PostMetrics)[];

export const ZERO_METRICS: PostMetrics = { impressions: 0, reach: 0, likes: 0, comments: 0, shares: 0, clicks: 0 };

export function engagementsOf(m: Pick<PostMetrics, "likes" | "comments" | "shares" | "clicks">): number {
  return m.likes + m.comments + m.shares + m.clicks;
}

/** (likes + comments + shares + clicks) / impressions; 0 without impressions. */
export function engagementRate(engagements: number, impressions: number): number {
  return impressions > 0 ? engagements / impressions : 0;
}
