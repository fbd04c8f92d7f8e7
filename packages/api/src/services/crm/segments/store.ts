import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { segmentFilter, type SegmentFilter } from "../../../schemas/crm/segment";

export const SEGMENT_SELECT = { id: true, name: true, description: true, filter: true, archivedAt: true, createdById: true, createdAt: true, updatedAt: true } as const;

/**
 * A stored filter, read back through the same schema that wrote it. A filter saved by an older
 * version that no longer parses is refused loudly rather than silently widened to "everyone".
 */
export function storedFilter(raw: unknown): SegmentFilter {
  const parsed = segmentFilter.safeParse(raw);
  if (!parsed.success) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This segment's filter can no longer be read. Open it and save its conditions again." });
  return parsed.data;
}

export async function loadSegment(db: TenantDb, segmentId: string) {
  const segment = await db.segment.findFirst({ where: { id: segmentId }, select: SEGMENT_SELECT });
  if (!segment) throw new TRPCError({ code: "NOT_FOUND", message: "Segment not found." });
  return { ...segment, filter: storedFilter(segment.filter) };
}

export async function assertSegmentNameFree(db: TenantDb, name: string, exceptId?: string): Promise<void> {
  const existing = await db.segment.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (existing) throw new TRPCError({ code: "CONFLICT", message: `A segment named "${name}" already exists.` });
}
