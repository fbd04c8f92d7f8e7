import { describe, expect, it } from "vitest";
import type { CalendarPost } from "~/components/posts/types";
import type { MoveRequest } from "~/components/posts/use-reschedule";
import {
  dayDropId,
  groupByDay,
  moveForDrop,
  parseDropId,
  placePosts,
  postTitle,
  readCalendarParams,
  slotDropId,
  stepAnchor,
  visibleDays,
  type PlacedPost,
} from "~/app/[orgSlug]/calendar/calendar-model";

const ZONE = "Europe/London";

/** A calendar row as posts.list returns it. */
function post(id: string, fields: Partial<CalendarPost> = {}): CalendarPost {
  return {
    id,
    content: `Post ${id}`,
    status: "SCHEDULED",
    timezone: ZONE,
    localTime: null,
    scheduledAt: null,
    publishedAt: null,
    labels: [],
    abTestId: null,
    abVariantKey: null,
    recurrenceRule: null,
    seriesId: null,
    authorId: null,
    mediaIds: [],
    createdAt: new Date("2026-01-01T00:00:00Z"),
    campaign: null,
    targets: [],
    ...fields,
  };
}

const none = new Map<string, MoveRequest>();

describe("placing posts on the calendar", () => {
  it("shows each post at its wall-clock time in the organization's zone, in order, and skips unscheduled ones", () => {
    const placed = placePosts(
      [
        post("late", { scheduledAt: new Date("2026-07-01T16:00:00Z") }),
        post("draft", { status: "DRAFT" }),
        // 23:30 UTC in July is 00:30 the next day in London (BST).
        post("midnight", { scheduledAt: new Date("2026-07-01T23:30:00Z") }),
        post("early", { scheduledAt: new Date("2026-07-01T07:15:00Z") }),
      ],
      ZONE,
      { canMove: true, optimistic: none },
    );
    expect(placed.map((p) => [p.post.id, p.local])).toEqual([
      ["early", "2026-07-01T08:15"],
      ["late", "2026-07-01T17:00"],
      ["midnight", "2026-07-02T00:30"],
    ]);
    expect([...groupByDay(placed).entries()].map(([day, items]) => [day, items.map((i) => i.post.id)])).toEqual([
      ["2026-07-01", ["early", "late"]],
      ["2026-07-02", ["midnight"]],
    ]);
  });

  it("lets only posts that have not gone out be moved, and only by roles that may", () => {
    const at = new Date("2026-07-01T09:00:00Z");
    const posts = (["SCHEDULED", "FAILED", "PUBLISHED", "PUBLISHING", "PARTIAL"] as const).map((status) => post(status, { status, scheduledAt: at }));
    const movable = (canMove: boolean) => placePosts(posts, ZONE, { canMove, optimistic: none }).filter((p) => p.movable).map((p) => p.post.id);
    expect(movable(true).sort()).toEqual(["FAILED", "SCHEDULED"]);
    expect(movable(false)).toEqual([]);
  });

  it("shows a move in flight where it is going, converted from the zone it was asked in, and not movable again", () => {
    const moving = post("moving", { scheduledAt: new Date("2026-07-01T09:00:00Z") });
    // 10:00 in New York (EDT, UTC-4) is 15:00 in London (BST, UTC+1).
    const optimistic = new Map([["moving", { postId: "moving", timezone: "America/New_York", localTime: "2026-07-03T10:00" }]]);
    const [placed] = placePosts([moving], ZONE, { canMove: true, optimistic });
    expect(placed).toMatchObject({ local: "2026-07-03T15:00", moving: true, movable: false });
  });
});

describe("dropping a post", () => {
  const placedAt = (local: string, fields: Partial<CalendarPost> = {}): PlacedPost => ({ post: post("p", { localTime: local, ...fields }), local, movable: true, moving: false });

  it("by whole days keeps the post's own zone and wall-clock time, across a DST change", () => {
    // London moves to BST on 29 March 2026: 09:30 stays 09:30, the instant shifts by 23 hours.
    const item = placedAt("2026-03-28T09:30");
    expect(moveForDrop(item, { date: "2026-03-30" }, ZONE)).toEqual({ postId: "p", timezone: ZONE, localTime: "2026-03-30T09:30" });
    const inTokyo = placedAt("2026-03-28T18:30", { timezone: "Asia/Tokyo", localTime: "2026-03-29T02:30" });
    expect(moveForDrop(inTokyo, { date: "2026-03-25" }, ZONE)).toEqual({ postId: "p", timezone: "Asia/Tokyo", localTime: "2026-03-26T02:30" });
  });

  it("to another hour (week view) is a new time in the organization's zone, keeping the minutes", () => {
    const item = placedAt("2026-03-28T09:30", { timezone: "Asia/Tokyo", localTime: "2026-03-28T17:30" });
    expect(moveForDrop(item, { date: "2026-03-29", hour: 14 }, ZONE)).toEqual({ postId: "p", timezone: ZONE, localTime: "2026-03-29T14:30" });
    expect(moveForDrop(item, { date: "2026-03-28", hour: 7 }, ZONE)).toEqual({ postId: "p", timezone: ZONE, localTime: "2026-03-28T07:30" });
  });

  it("back where it was is no move at all", () => {
    expect(moveForDrop(placedAt("2026-03-28T09:30"), { date: "2026-03-28" }, ZONE)).toBeNull();
    expect(moveForDrop(placedAt("2026-03-28T09:30"), { date: "2026-03-28", hour: 9 }, ZONE)).toBeNull();
  });

  it("reads drop targets back from their ids and refuses anything else", () => {
    expect(parseDropId(dayDropId("2026-03-28"))).toEqual({ date: "2026-03-28" });
    expect(parseDropId(slotDropId("2026-03-28", 7))).toEqual({ date: "2026-03-28", hour: 7 });
    expect(parseDropId(slotDropId("2026-03-28", 23))).toEqual({ date: "2026-03-28", hour: 23 });
    for (const bad of ["post:abc", "day:2026-3-28", "slot:2026-03-28", "slot:2026-03-28:123", ""]) expect(parseDropId(bad), bad).toBeNull();
  });
});

describe("the calendar's URL and pages", () => {
  const context = { today: "2026-03-11", defaultView: "month" as const, statuses: new Set(["SCHEDULED", "FAILED"]) };

  it("reads view, date and filters, falling back for anything unknown or impossible", () => {
    expect(readCalendarParams(new URLSearchParams(""), context)).toEqual({
      view: "month",
      anchor: "2026-03-11",
      filters: { accounts: [], campaigns: [], statuses: [], labels: [] },
    });
    const read = readCalendarParams(new URLSearchParams("view=week&date=2026-04-02&accounts=a1,a2&statuses=FAILED,BOGUS&labels=promo&campaigns=c1"), context);
    expect(read).toEqual({ view: "week", anchor: "2026-04-02", filters: { accounts: ["a1", "a2"], campaigns: ["c1"], statuses: ["FAILED"], labels: ["promo"] } });
    expect(readCalendarParams(new URLSearchParams("view=year&date=2026-02-30"), { ...context, defaultView: "list" })).toMatchObject({ view: "list", anchor: "2026-03-11" });
  });

  it("shows six whole weeks from a Monday for a month, Monday to Sunday for a week, every day for the list", () => {
    const month = visibleDays("month", "2026-03-11");
    expect(month).toHaveLength(42);
    expect(month[0]).toBe("2026-02-23");
    expect(month).toContain("2026-04-01");
    expect(visibleDays("week", "2026-03-11")).toEqual(["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15"]);
    const leapFebruary = visibleDays("list", "2028-02-10");
    expect([leapFebruary.length, leapFebruary[0], leapFebruary.at(-1)]).toEqual([29, "2028-02-01", "2028-02-29"]);
  });

  it("pages by a week or by a month (clamped to the month's last day)", () => {
    expect(stepAnchor("week", "2026-03-11", 1)).toBe("2026-03-18");
    expect(stepAnchor("week", "2026-03-02", -1)).toBe("2026-02-23");
    expect(stepAnchor("month", "2026-01-31", 1)).toBe("2026-02-28");
    expect(stepAnchor("list", "2026-03-31", -1)).toBe("2026-02-28");
    expect(stepAnchor("month", "2026-12-15", 1)).toBe("2027-01-15");
  });

  it("titles a post by its first line", () => {
    expect(postTitle({ content: "  Fresh bread\nsecond line" })).toBe("Fresh bread");
    expect(postTitle({ content: "   " })).toBe("(No text — media only)");
  });
});
