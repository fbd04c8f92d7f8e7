import { Prisma, type TenantDb } from "@mg/db";
import type { RecordVisibility } from "./record-visibility";
import type { PipelineView } from "./pipelines";

/**
 * The kanban: each live stage with its deals in board order and its totals. Totals are computed
 * in SQL over every live deal of the stage (not only the cards sent), per currency — amounts in
 * different currencies are never added together. Weighted = Σ amount × probability / 100, rounded
 * to the minor unit.
 */

export interface MoneyTotal {
  currency: string;
  count: number;
  totalMinor: string;
  weightedMinor: string;
}

export interface BoardCard {
  id: string;
  stageId: string;
  name: string;
  amountMinor: string;
  currency: string;
  position: string;
  expectedCloseOn: string | null;
  ownerUserId: string | null;
  companyId: string | null;
  companyName: string | null;
  contactCount: number;
  closedAt: Date | null;
  lostReason: string | null;
}

/** Raw SQL sees RLS (the organization) but not crmProcedure's delegates: apply the owner rule here. */
export function ownerFilter(visibility: RecordVisibility, ownerUserId: string | undefined, alias = "d"): Prisma.Sql {
  const column = Prisma.raw(`${alias}.owner_user_id`);
  const parts: Prisma.Sql[] = [];
  if (visibility.ownOnly) parts.push(Prisma.sql`AND ${column} = ${visibility.userId}::uuid`);
  if (ownerUserId) parts.push(Prisma.sql`AND ${column} = ${ownerUserId}::uuid`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

interface TotalRow {
  stage_id: string;
  currency: string;
  count: number;
  total: string;
  weighted: string;
}

export async function stageTotals(db: TenantDb, pipelineId: string, visibility: RecordVisibility, ownerUserId?: string): Promise<Map<string, MoneyTotal[]>> {
  const rows = await db.$queryRaw<TotalRow[]>`
    SELECT d.stage_id, d.currency, count(*)::int AS count, sum(d.amount_minor)::text AS total,
           round(sum(d.amount_minor::numeric * s.probability) / 100)::text AS weighted
    FROM deals d
    JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.id = d.stage_id
    WHERE d.organization_id = ${db.$organizationId}::uuid AND d.pipeline_id = ${pipelineId}::uuid AND d.deleted_at IS NULL
      ${ownerFilter(visibility, ownerUserId)}
    GROUP BY d.stage_id, d.currency
    ORDER BY d.stage_id, d.currency`;
  const byStage = new Map<string, MoneyTotal[]>();
  for (const row of rows) {
    const list = byStage.get(row.stage_id) ?? [];
    list.push({ currency: row.currency, count: row.count, totalMinor: row.total, weightedMinor: row.weighted });
    byStage.set(row.stage_id, list);
  }
  return byStage;
}

interface CardRow {
  id: string;
  stage_id: string;
  name: string;
  amount_minor: string;
  currency: string;
  position: string;
  expected_close_on: string | null;
  owner_user_id: string | null;
  company_id: string | null;
  company_name: string | null;
  contact_count: number;
  closed_at: Date | null;
  lost_reason: string | null;
}

export async function boardCards(db: TenantDb, pipelineId: string, visibility: RecordVisibility, options: { ownerUserId?: string; perStage: number }): Promise<BoardCard[]> {
  const rows = await db.$queryRaw<CardRow[]>`
    WITH ranked AS (
      SELECT d.*, row_number() OVER (PARTITION BY d.stage_id ORDER BY d.position COLLATE "C", d.id) AS rn
      FROM deals d
      WHERE d.organization_id = ${db.$organizationId}::uuid AND d.pipeline_id = ${pipelineId}::uuid AND d.deleted_at IS NULL
        ${ownerFilter(visibility, options.ownerUserId)}
    )
    SELECT r.id, r.stage_id, r.name, r.amount_minor::text AS amount_minor, r.currency, r.position, r.expected_close_on,
           r.owner_user_id, r.company_id, c.name AS company_name, r.closed_at, r.lost_reason,
           (SELECT count(*)::int FROM deal_contacts dc WHERE dc.organization_id = r.organization_id AND dc.deal_id = r.id) AS contact_count
    FROM ranked r
    LEFT JOIN companies c ON c.organization_id = r.organization_id AND c.id = r.company_id AND c.deleted_at IS NULL
      ${visibility.ownOnly ? Prisma.sql`AND c.owner_user_id = ${visibility.userId}::uuid` : Prisma.empty}
    WHERE r.rn <= ${options.perStage}
    ORDER BY r.stage_id, r.rn`;
  return rows.map((r) => ({
    id: r.id,
    stageId: r.stage_id,
    name: r.name,
    amountMinor: r.amount_minor,
    currency: r.currency,
    position: r.position,
    expectedCloseOn: r.expected_close_on,
    ownerUserId: r.owner_user_id,
    companyId: r.company_id,
    companyName: r.company_name,
    contactCount: r.contact_count,
    closedAt: r.closed_at,
    lostReason: r.lost_reason,
  }));
}

export async function board(db: TenantDb, pipeline: PipelineView, visibility: RecordVisibility, options: { ownerUserId?: string; perStage: number }) {
  const [cards, totals] = await Promise.all([boardCards(db, pipeline.id, visibility, options), stageTotals(db, pipeline.id, visibility, options.ownerUserId)]);
  const byStage = new Map<string, BoardCard[]>();
  for (const card of cards) byStage.set(card.stageId, [...(byStage.get(card.stageId) ?? []), card]);
  return {
    pipeline: { id: pipeline.id, name: pipeline.name, currency: pipeline.currency, isDefault: pipeline.isDefault, archivedAt: pipeline.archivedAt },
    stages: pipeline.stages.map((stage) => {
      const stageTotalsList = totals.get(stage.id) ?? [];
      return {
        ...stage,
        count: stageTotalsList.reduce((n, t) => n + t.count, 0),
        totals: stageTotalsList,
        deals: byStage.get(stage.id) ?? [],
      };
    }),
  };
}
