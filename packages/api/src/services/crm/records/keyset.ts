import { TRPCError } from "@trpc/server";

/**
 * Keyset pagination for the CRM tables: the cursor carries the last row's sort value and id
 * (opaque base64url JSON), so the next page is one indexed range read — no OFFSET, and rows that
 * tie on the sort value are ordered (and resumed) by id, so none is skipped or repeated.
 */
export type SortValueKind = "string" | "date" | "number";
export type SortValue = string | number | Date;

interface CursorPayload {
  v: string | number;
  id: string;
}

export function encodeCursor(value: SortValue, id: string): string {
  const payload: CursorPayload = { v: value instanceof Date ? value.toISOString() : value, id };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string, kind: SortValueKind): { value: SortValue; id: string } {
  const invalid = () => new TRPCError({ code: "BAD_REQUEST", message: "That page position is not valid any more. Reload the list." });
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof payload !== "object" || payload === null) throw invalid();
  const { v, id } = payload as Record<string, unknown>;
  if (typeof id !== "string" || !UUID.test(id)) throw invalid();
  if (kind === "number") {
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalid();
    return { value: v, id };
  }
  if (typeof v !== "string") throw invalid();
  if (kind === "date") {
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) throw invalid();
    return { value: date, id };
  }
  return { value: v, id };
}

/** The Prisma filter for "after the cursor" in (field direction, id direction). */
export function afterCursor(field: string, direction: "asc" | "desc", cursor: { value: SortValue; id: string }): Record<string, unknown> {
  const op = direction === "asc" ? "gt" : "lt";
  return { OR: [{ [field]: { [op]: cursor.value } }, { [field]: cursor.value, id: { [op]: cursor.id } }] };
}

/** Takes limit+1 rows: the extra row only says whether another page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => SortValue): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null };
}
