import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import type { KpiMetric } from "@mg/api/schemas";

type Outputs = inferRouterOutputs<AppRouter>;
export type Campaign = Outputs["campaigns"]["list"][number];
export type CampaignDetail = Outputs["campaigns"]["get"];

export const KPI_LABELS: Record<KpiMetric, string> = {
  impressions: "Impressions",
  reach: "Reach",
  likes: "Likes",
  comments: "Comments",
  shares: "Shares",
  clicks: "Clicks",
  engagementRate: "Engagement rate",
  posts: "Published posts",
  followers: "Followers",
};

const COMPACT = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat("en");
const PERCENT = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 2 });

/** A KPI value as people read it: rates as percentages, counts grouped. */
export function formatKpi(metric: KpiMetric, value: number, opts: { compact?: boolean } = {}): string {
  if (metric === "engagementRate") return PERCENT.format(value);
  return (opts.compact && Math.abs(value) >= 10_000 ? COMPACT : WHOLE).format(value);
}

export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export type CampaignPhase = "archived" | "upcoming" | "active" | "ended";

export function campaignPhase(campaign: Pick<Campaign, "archivedAt" | "startsOn" | "endsOn">, today: string | null): CampaignPhase | null {
  if (campaign.archivedAt) return "archived";
  if (!today) return null;
  if (today < campaign.startsOn) return "upcoming";
  if (today > campaign.endsOn) return "ended";
  return "active";
}

export const PHASE_LABEL: Record<CampaignPhase, string> = { archived: "Archived", upcoming: "Upcoming", active: "Active", ended: "Ended" };
