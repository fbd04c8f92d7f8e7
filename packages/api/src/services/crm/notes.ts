import { TRPCError } from "@trpc/server";
import sanitizeHtml from "sanitize-html";
import type { Prisma, TenantDb } from "@mg/db";
import type { ActivityKindName } from "../../schemas/crm/activity";
import { decodeCursor, pageOf } from "./records/keyset";
import { recordActivity } from "./timeline";

/**
 * Notes, calls and meetings on a contact's or company's timeline, and reading the timeline.
 * A note's rich text is sanitized here, on the server: basic formatting and links only, so a note
 * can never carry script, styles or embedded content into another member's browser.
 */
const NOTE_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4"],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }) },
};
// rel/target are added by the transform, so they must pass the attribute filter that runs after it.
NOTE_POLICY.allowedAttributes = { a: ["href", "title", "rel", "target"] };

export function sanitizeNoteHtml(html: string): { html: string; text: string } {
  const clean = sanitizeHtml(html, NOTE_POLICY).trim();
  const text = sanitizeHtml(clean.replace(/<\/(p|li|h3|h4|blockquote|pre)>|<br\s*\/?>/gi, "$&\n"), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { html: clean, text };
}

export type TimelineTarget = { contactId: string } | { companyId: string };
export interface Actor {
  userId: string;
}

export async function logNote(db: TenantDb, organizationId: string, target: TimelineTarget, rawHtml: string, actor: Actor): Promise<{ id: string }> {
  const note = sanitizeNoteHtml(rawHtml);
  if (note.text === "" && !/<a\s/i.test(note.html)) throw new TRPCError({ code: "BAD_REQUEST", message: "The note is empty once unsafe content is removed." });
  return recordActivity(db, organizationId, { kind: "NOTE", payload: note, ...target, actorUserId: actor.userId });
}

export async function logCall(db: TenantDb, organizationId: string, target: TimelineTarget, call: { summary: string; durationMinutes?: number; outcome?: string }, actor: Actor): Promise<{ id: string }> {
  return recordActivity(db, organizationId, { kind: "CALL", payload: call, ...target, actorUserId: actor.userId });
}

export async function logMeeting(db: TenantDb, organizationId: string, target: TimelineTarget, meeting: { summary: string; at?: string }, actor: Actor): Promise<{ id: string }> {
  return recordActivity(db, organizationId, { kind: "MEETING", payload: meeting, ...target, actorUserId: actor.userId, ...(meeting.at ? { occurredAt: new Date(meeting.at) } : {}) });
}

const DEAL_KINDS: readonly ActivityKindName[] = ["DEAL_CREATED", "DEAL_WON", "DEAL_LOST", "STAGE_CHANGED"];
const TASK_KINDS: readonly ActivityKindName[] = ["TASK_CREATED", "TASK_DONE"];

/** Timeline kinds about records the caller may not read (content roles see contacts, not the pipeline). */
export function hiddenTimelineKinds(reach: { deals: boolean; tasks: boolean }): ActivityKindName[] {
  return [...(reach.deals ? [] : DEAL_KINDS), ...(reach.tasks ? [] : TASK_KINDS)];
}

export interface TimelineEntry {
  id: string;
  kind: ActivityKindName;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string | null;
  actorName: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  payload: Prisma.JsonValue;
}

/** Newest first, keyset on (occurred_at, id) — the (organization, record, occurred_at) index. */
export async function readTimeline(
  db: TenantDb,
  target: TimelineTarget,
  query: { kinds?: readonly ActivityKindName[]; cursor?: string; limit: number; hiddenKinds?: readonly ActivityKindName[] },
): Promise<{ entries: TimelineEntry[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor, "date") : null;
  const rows = await db.activity.findMany({
    where: {
      ...target,
      ...(query.kinds && query.kinds.length > 0 ? { kind: { in: [...query.kinds] } } : {}),
      ...(query.hiddenKinds && query.hiddenKinds.length > 0 ? { NOT: { kind: { in: [...query.hiddenKinds] } } } : {}),
      ...(cursor ? { OR: [{ occurredAt: { lt: new Date(cursor.value) } }, { occurredAt: new Date(cursor.value), id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: { id: true, kind: true, occurredAt: true, actorUserId: true, actorLabel: true, contactId: true, companyId: true, dealId: true, payload: true },
  });
  const page = pageOf(rows, query.limit, (r) => r.occurredAt);
  const actorIds = [...new Set(page.rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const names = new Map<string, string>();
  if (actorIds.length > 0) {
    // Names of members only (the membership join keeps this to people of this organization).
    const members = await db.membership.findMany({ where: { userId: { in: actorIds } }, select: { user: { select: { id: true, name: true, email: true } } } });
    for (const m of members) names.set(m.user.id, m.user.name ?? m.user.email);
  }
  return { entries: page.rows.map((r) => ({ ...r, actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null })), nextCursor: page.nextCursor };
}
