import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import type { AB_TEST_METRICS } from "@mg/api/schemas";

export type AbTestMetric = (typeof AB_TEST_METRICS)[number];

export type AbTest = inferRouterOutputs<AppRouter>["abTests"]["list"][number];

export const METRIC_LABELS: Record<AbTestMetric, string> = {
  ENGAGEMENT_RATE: "Engagement rate",
  IMPRESSIONS: "Impressions",
  LIKES: "Likes",
  COMMENTS: "Comments",
  SHARES: "Shares",
  CLICKS: "Clicks",
};

export const METRIC_HINTS: Record<AbTestMetric, string> = {
  ENGAGEMENT_RATE: "Likes, comments, shares and clicks per impression — fair when reach differs.",
  IMPRESSIONS: "How many times the post was shown.",
  LIKES: "Likes and reactions.",
  COMMENTS: "Comments and replies.",
  SHARES: "Shares, reposts and retweets.",
  CLICKS: "Link and media clicks.",
};

const PERCENT = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat("en");

export function formatMetric(metric: AbTestMetric, value: number | null): string {
  if (value === null) return "—";
  return metric === "ENGAGEMENT_RATE" ? PERCENT.format(value) : WHOLE.format(value);
}

export function formatWindow(hours: number): string {
  if (hours % 24 === 0) {
    const days = hours / 24;
    return `${days} ${days === 1 ? "day" : "days"}`;
  }
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
}
