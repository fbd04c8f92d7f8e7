import type { PostMetrics } from "@mg/integrations/types";
import { engagementRate, engagementsOf, METRIC_KEYS, ZERO_METRICS } from "@mg/integrations/metrics";

export { engagementRate, engagementsOf };

/** The six counters a network reports per post (impressions, reach, likes, comments, shares, clicks). */
export type Counters = PostMetrics;

export const COUNTER_KEYS = METRIC_KEYS;

export const ZERO: Counters = ZERO_METRICS;

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    impressions: a.impressions + b.impressions,
    reach: a.reach + b.reach,
    likes: a.likes + b.likes,
    comments: a.comments + b.comments,
    shares: a.shares + b.shares,
    clicks: a.clicks + b.clicks,
  };
}

export function countersOf(row: Counters): Counters {
  return { impressions: row.impressions, reach: row.reach, likes: row.likes, comments: row.comments, shares: row.shares, clicks: row.clicks };
}

export function withRate(c: Counters) {
  const engagements = engagementsOf(c);
  return { ...c, engagements, engagementRate: engagementRate(engagements, c.impressions) };
}
