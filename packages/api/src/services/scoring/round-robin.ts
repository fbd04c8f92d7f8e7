import type { TenantDb } from "@mg/db";

/**
 * The next member in the organization's round robin (LeadCaptureSettings.roundRobinUserIds),
 * advancing the cursor in one UPDATE … RETURNING: two leads qualifying at once take two turns,
 * never the same one. Members who left are skipped (at most one lap); null when nobody is listed.
 */
export async function nextRoundRobinOwner(db: TenantDb, organizationId: string): Promise<string | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [turn] = await db.$queryRaw<{ user_ids: string[]; cursor: number }[]>`
      UPDATE lead_capture_settings SET round_robin_cursor = round_robin_cursor + 1, updated_at = now()
      WHERE organization_id = ${organizationId}::uuid AND cardinality(round_robin_user_ids) > 0
      RETURNING round_robin_user_ids AS user_ids, round_robin_cursor - 1 AS cursor`;
    if (!turn || turn.user_ids.length === 0) return null;
    const userId = turn.user_ids[turn.cursor % turn.user_ids.length];
    if (!userId) return null;
    const member = await db.membership.findFirst({ where: { userId }, select: { userId: true } });
    if (member) return userId;
    if (attempt >= turn.user_ids.length) return null;
  }
  return null;
}
