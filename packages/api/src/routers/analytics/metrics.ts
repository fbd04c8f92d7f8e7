/**
 * Snapshot helpers other routers (A/B tests, campaigns, hashtags) read with. They live in
 * services/analytics; the analytics page's numbers come from services/analytics/report.ts.
 */
export { addCounters, COUNTER_KEYS, countersOf, engagementRate, engagementsOf, withRate, ZERO, type Counters } from "../../services/analytics/counters";
export { latestSnapshots, type Snapshot } from "../../services/analytics/snapshots";
export { lastUtcDays, utcDay, windowStart } from "../../services/analytics/periods";
