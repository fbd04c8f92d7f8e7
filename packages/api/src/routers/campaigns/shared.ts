import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { TenantDb } from "@mg/db";
import { kpiTargetSchema } from "../../schemas/campaigns";

export const CAMPAIGN_SELECT = {
  id: true,
  name: true,
  goal: true,
  kpiTargets: true,
  budgetCents: true,
  currency: true,
  startsOn: true,
  endsOn: true,
  color: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

const kpiTargetsSchema = z.array(kpiTargetSchema);

/** The stored JSON, read defensively: a malformed value shows as "no targets", never crashes a page. */
export function parseKpiTargets(value: unknown): z.infer<typeof kpiTargetsSchema> {
  const parsed = kpiTargetsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Post counts per campaign: all of its posts, and those published (fully or partly). */
export async function postCountsByCampaign(db: TenantDb, campaignIds: string[]): Promise<Map<string, { postCount: number; publishedCount: number }>> {
  const counts = new Map<string, { postCount: number; publishedCount: number }>();
  if (campaignIds.length === 0) return counts;
  const rows = await db.post.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: campaignIds } }, _count: { _all: true } });
  for (const row of rows) {
    if (!row.campaignId) continue;
    const current = counts.get(row.campaignId) ?? { postCount: 0, publishedCount: 0 };
    const n = row._count._all;
    counts.set(row.campaignId, {
      postCount: current.postCount + n,
      publishedCount: current.publishedCount + (row.status === "PUBLISHED" || row.status === "PARTIAL" ? n : 0),
    });
  }
  return counts;
}

export async function assertNameFree(db: TenantDb, name: string, exceptId?: string): Promise<void> {
  const clash = await db.campaign.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `A campaign named “${name}” already exists.` });
}
