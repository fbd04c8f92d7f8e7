import { assertTimeZone, toZoned } from "./time-zone";

export type SocialNetwork = "SANDBOX" | "FACEBOOK" | "INSTAGRAM" | "LINKEDIN" | "X" | "TIKTOK";

/** ISO weekday (Monday = 1) and local hour 0–23. */
export interface WeeklyHour {
  weekday: number;
  hour: number;
}

/**
 * Starting points before an organization has its own history, best first, in the audience's local
 * time. Drawn from the recurring findings of the large published studies (Sprout Social, Hootsuite,
 * Later): weekday mornings for Facebook, LinkedIn and X; late morning to early afternoon midweek for
 * Instagram; afternoons and evenings for TikTok.
 */
export const NETWORK_DEFAULT_TIMES: Record<SocialNetwork, WeeklyHour[]> = {
  SANDBOX: [
    { weekday: 2, hour: 10 },
    { weekday: 3, hour: 10 },
    { weekday: 4, hour: 10 },
    { weekday: 3, hour: 13 },
    { weekday: 1, hour: 11 },
  ],
  FACEBOOK: [
    { weekday: 2, hour: 9 },
    { weekday: 3, hour: 9 },
    { weekday: 4, hour: 9 },
    { weekday: 3, hour: 12 },
    { weekday: 1, hour: 10 },
  ],
  INSTAGRAM: [
    { weekday: 2, hour: 11 },
    { weekday: 3, hour: 11 },
    { weekday: 4, hour: 11 },
    { weekday: 2, hour: 14 },
    { weekday: 5, hour: 10 },
  ],
  LINKEDIN: [
    { weekday: 2, hour: 9 },
    { weekday: 3, hour: 9 },
    { weekday: 4, hour: 9 },
    { weekday: 3, hour: 12 },
    { weekday: 2, hour: 10 },
  ],
  X: [
    { weekday: 2, hour: 9 },
    { weekday: 3, hour: 9 },
    { weekday: 4, hour: 9 },
    { weekday: 3, hour: 12 },
    { weekday: 1, hour: 10 },
  ],
  TIKTOK: [
    { weekday: 2, hour: 16 },
    { weekday: 3, hour: 17 },
    { weekday: 4, hour: 19 },
    { weekday: 5, hour: 16 },
    { weekday: 7, hour: 19 },
  ],
};

/**
 * Pseudo-samples of the overall mean added to every bucket: a bucket with 1 lucky post cannot
 * outrank one with 20 solid ones, while a bucket with many samples keeps close to its own mean.
 */
export const SHRINKAGE_PRIOR_SAMPLES = 5;

export interface EngagementSample {
  publishedAt: Date;
  engagementRate: number;
}

export interface OptimalTimeSlot extends WeeklyHour {
  /** Shrunk mean engagement rate for history; for defaults a rank weight from 1 down. */
  score: number;
  samples: number;
}

export interface SuggestOptimalTimesInput {
  history: EngagementSample[];
  timezone: string;
  network: SocialNetwork;
  minSamples?: number;
  limit?: number;
}

export interface OptimalTimeSuggestion {
  source: "history" | "network-default";
  slots: OptimalTimeSlot[];
}

/**
 * Ranks local weekday+hour buckets of the organization's own posts by mean engagement, shrunk
 * toward the overall mean; below `minSamples` usable posts it returns the network's defaults.
 */
export function suggestOptimalTimes(input: SuggestOptimalTimesInput): OptimalTimeSuggestion {
  const zone = assertTimeZone(input.timezone);
  const minSamples = input.minSamples ?? 10;
  const limit = input.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError("limit must be a non-negative whole number.");
  const defaults = NETWORK_DEFAULT_TIMES[input.network];
  if (!defaults) throw new RangeError(`Unknown network "${String(input.network)}".`);

  const usable = input.history.filter(
    (s) => !Number.isNaN(s.publishedAt.getTime()) && Number.isFinite(s.engagementRate) && s.engagementRate >= 0,
  );
  if (usable.length === 0 || usable.length < minSamples) {
    const n = defaults.length;
    return {
      source: "network-default",
      slots: defaults.slice(0, limit).map((slot, i) => ({ ...slot, score: (n - i) / n, samples: 0 })),
    };
  }

  const buckets = new Map<number, { weekday: number; hour: number; sum: number; samples: number }>();
  let total = 0;
  for (const sample of usable) {
    const local = toZoned(sample.publishedAt, zone);
    const key = local.dayOfWeek * 24 + local.hour;
    const bucket = buckets.get(key) ?? { weekday: local.dayOfWeek, hour: local.hour, sum: 0, samples: 0 };
    bucket.sum += sample.engagementRate;
    bucket.samples += 1;
    buckets.set(key, bucket);
    total += sample.engagementRate;
  }
  const overallMean = total / usable.length;
  const k = SHRINKAGE_PRIOR_SAMPLES;
  const slots = [...buckets.values()]
    .map((b) => ({ weekday: b.weekday, hour: b.hour, samples: b.samples, score: (b.sum + k * overallMean) / (b.samples + k) }))
    .sort((a, b) => b.score - a.score || b.samples - a.samples || a.weekday - b.weekday || a.hour - b.hour);
  return { source: "history", slots: slots.slice(0, limit) };
}
