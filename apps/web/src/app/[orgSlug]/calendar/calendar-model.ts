import { resolveLocalTime, shiftLocalDays, toLocalTime } from "@mg/scheduling";
import type { CalendarPost, PostStatus } from "~/components/posts/types";
import type { MoveRequest } from "~/components/posts/use-reschedule";
import { addDays, addMonths, combine, datePart, daysBetween, hourOf, isPlainDate, monthDays, monthGrid, timePart, weekDays, type PlainDate } from "~/lib/scheduling-ui";

export const CALENDAR_VIEWS = ["month", "week", "list"] as const;
export type CalendarViewKind = (typeof CALENDAR_VIEWS)[number];

export interface CalendarFilters {
  accounts: string[];
  campaigns: string[];
  statuses: PostStatus[];
  labels: string[];
}

function listParam(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? "").split(",").filter(Boolean);
}

/**
 * The calendar's state from its URL (?view=&date=&accounts=…): an unknown view falls back to the
 * screen's default, a missing or impossible date to today, unknown statuses are dropped.
 */
export function readCalendarParams(
  params: URLSearchParams,
  context: { today: PlainDate; defaultView: CalendarViewKind; statuses: ReadonlySet<string> },
): { view: CalendarViewKind; anchor: PlainDate; filters: CalendarFilters } {
  const rawView = params.get("view");
  const rawDate = params.get("date");
  return {
    view: CALENDAR_VIEWS.find((v) => v === rawView) ?? context.defaultView,
    anchor: isPlainDate(rawDate) ? rawDate : context.today,
    filters: {
      accounts: listParam(params, "accounts"),
      campaigns: listParam(params, "campaigns"),
      statuses: listParam(params, "statuses").filter((s): s is PostStatus => context.statuses.has(s)),
      labels: listParam(params, "labels"),
    },
  };
}

/** The days a view shows around its anchor date. */
export function visibleDays(view: CalendarViewKind, anchor: PlainDate): PlainDate[] {
  if (view === "week") return weekDays(anchor);
  if (view === "list") return monthDays(anchor);
  return monthGrid(anchor);
}

/** The anchor of the previous / next page of a view: a week, or a month. */
export function stepAnchor(view: CalendarViewKind, anchor: PlainDate, direction: 1 | -1): PlainDate {
  return view === "week" ? addDays(anchor, 7 * direction) : addMonths(anchor, direction);
}

/** A post where the calendar shows it: its wall-clock time in the organization's zone. */
export interface PlacedPost {
  post: CalendarPost;
  /** "YYYY-MM-DDTHH:mm" in the organization's zone. */
  local: string;
  movable: boolean;
  moving: boolean;
}

/** Posts that have not gone out yet can be moved; published (or publishing) ones cannot. */
const MOVABLE: ReadonlySet<CalendarPost["status"]> = new Set(["SCHEDULED", "FAILED"]);

function localOf(request: MoveRequest, timezone: string): string | null {
  if (request.timezone === timezone) return request.localTime;
  const resolved = resolveLocalTime(request.timezone, request.localTime, "earlier");
  return resolved.kind === "ok" ? toLocalTime(resolved.instant, timezone) : null;
}

export function placePosts(posts: readonly CalendarPost[], timezone: string, options: { canMove: boolean; optimistic: ReadonlyMap<string, MoveRequest> }): PlacedPost[] {
  const placed: PlacedPost[] = [];
  for (const post of posts) {
    if (!post.scheduledAt) continue;
    const pending = options.optimistic.get(post.id);
    const local = (pending ? localOf(pending, timezone) : null) ?? toLocalTime(post.scheduledAt, timezone);
    placed.push({ post, local, movable: options.canMove && MOVABLE.has(post.status) && !pending, moving: Boolean(pending) });
  }
  return placed.sort((a, b) => a.local.localeCompare(b.local));
}

export function groupByDay(placed: readonly PlacedPost[]): Map<PlainDate, PlacedPost[]> {
  const byDay = new Map<PlainDate, PlacedPost[]>();
  for (const item of placed) {
    const day = datePart(item.local);
    const list = byDay.get(day);
    if (list) list.push(item);
    else byDay.set(day, [item]);
  }
  return byDay;
}

/**
 * The reschedule for a drop. Moving by whole days keeps the post's own zone and wall-clock time
 * (09:30 stays 09:30 even across a DST change); a move to another hour (week view) is a new time
 * in the organization's zone, keeping the minutes.
 */
export function moveForDrop(item: PlacedPost, target: { date: PlainDate; hour?: number }, timezone: string): MoveRequest | null {
  const days = daysBetween(datePart(item.local), target.date);
  const sameHour = target.hour === undefined || target.hour === hourOf(item.local);
  if (days === 0 && sameHour) return null;
  if (sameHour) {
    const { post } = item;
    if (post.timezone && post.localTime) return { postId: post.id, timezone: post.timezone, localTime: shiftLocalDays(post.localTime, days) };
    return { postId: post.id, timezone, localTime: shiftLocalDays(item.local, days) };
  }
  const minutes = timePart(item.local).slice(3);
  return { postId: item.post.id, timezone, localTime: combine(target.date, `${String(target.hour).padStart(2, "0")}:${minutes}`) };
}

export const dayDropId = (date: PlainDate) => `day:${date}`;
export const slotDropId = (date: PlainDate, hour: number) => `slot:${date}:${hour}`;

export function parseDropId(id: string): { date: PlainDate; hour?: number } | null {
  const day = /^day:(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (day?.[1]) return { date: day[1] };
  const slot = /^slot:(\d{4}-\d{2}-\d{2}):(\d{1,2})$/.exec(id);
  if (slot?.[1] && slot[2]) return { date: slot[1], hour: Number(slot[2]) };
  return null;
}

/** Short text for a chip or a dialog: the first line of the content, or a placeholder. */
export function postTitle(post: { content: string }): string {
  const first = post.content.trim().split("\n")[0]?.trim();
  return first ? first : "(No text — media only)";
}

/**
 * The start of a post's text for a chip: whitespace (line breaks included) folded to single
 * spaces, cut after `max` characters (a surrogate pair is never split) with an ellipsis. The chip
 * shows up to two lines of it; the whole text is in its tooltip.
 */
export function postExcerpt(content: string, max = 120): string {
  // Only the head is needed: folding a 60,000-character post to cut 120 would be wasted work.
  const folded = content.slice(0, max * 4).replace(/\s+/g, " ").trim();
  if (!folded) return postTitle({ content });
  const chars = Array.from(folded);
  const truncated = chars.length > max || content.length > max * 4;
  return truncated ? `${chars.slice(0, max).join("").trimEnd()}…` : folded;
}

/** The accounts a post goes to, with their pictures where the accounts list has them. */
export function postAccounts(
  post: { targets: readonly { socialAccountId: string; socialAccount: { name: string } }[] },
  avatars: ReadonlyMap<string, string | null>,
): { id: string; name: string; avatarUrl: string | null }[] {
  const seen = new Set<string>();
  return post.targets.flatMap((target) => {
    if (seen.has(target.socialAccountId)) return [];
    seen.add(target.socialAccountId);
    return [{ id: target.socialAccountId, name: target.socialAccount.name, avatarUrl: avatars.get(target.socialAccountId) ?? null }];
  });
}
