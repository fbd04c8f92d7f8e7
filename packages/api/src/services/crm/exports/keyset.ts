import type { ExportCursor } from "./source";

/** The export order through the Prisma delegates: newest first, ties by id (the table's order). */
export const PAGE_ORDER = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Rows after `after` in (created_at DESC, id DESC) order. */
export function afterCursor(after: ExportCursor | null) {
  return after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {};
}

export function cursorOf(page: readonly { createdAt: Date; id: string }[]): ExportCursor | null {
  const tail = page.at(-1);
  return tail ? { createdAt: tail.createdAt, id: tail.id } : null;
}
