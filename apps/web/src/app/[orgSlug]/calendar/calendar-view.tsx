"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DndContext, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from "@dnd-kit/core";
import { CalendarDaysIcon, ChevronLeftIcon, ChevronRightIcon, ListIcon, RectangleVerticalIcon } from "lucide-react";
import { toLocalTime } from "@mg/scheduling";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Spinner } from "@mg/ui/spinner";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { MovePostDialog } from "~/components/posts/move-post-dialog";
import { MultiSelectFilter } from "~/components/posts/multi-select-filter";
import { accountLabel, NetworkMark } from "~/components/posts/network-badge";
import { STATUS_OPTIONS } from "~/components/posts/post-status-badge";
import { useNow } from "~/components/posts/use-now";
import { useReschedule } from "~/components/posts/use-reschedule";
import { ZoneNote } from "~/components/posts/zone-note";
import { apiError } from "~/lib/errors";
import {
  coveringRange,
  formatLongDay,
  formatMonth,
  formatWeekRange,
  hourLabel,
  hourOf,
  todayIn,
  type PlainDate,
} from "~/lib/scheduling-ui";
import { useTRPC } from "~/trpc/client";
import { PostActions } from "~/components/posts/post-actions";
import { useOrg } from "../org-context";
import { CALENDAR_VIEWS, groupByDay, moveForDrop, parseDropId, placePosts, postTitle, readCalendarParams, stepAnchor, visibleDays, type CalendarViewKind, type PlacedPost } from "./calendar-model";
import { ListView } from "./list-view";
import { MonthView } from "./month-view";
import { WeekView } from "./week-view";

const VIEW_ICONS = { month: CalendarDaysIcon, week: RectangleVerticalIcon, list: ListIcon } as const;
const STATUS_VALUES = new Set<string>(STATUS_OPTIONS.map((o) => o.value));

const SMALL_SCREEN = "(max-width: 639px)";

/** Phones get the agenda by default: seven columns do not fit (the grids still scroll sideways if chosen). */
function useSmallScreen(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = window.matchMedia(SMALL_SCREEN);
      query.addEventListener("change", notify);
      return () => query.removeEventListener("change", notify);
    },
    () => window.matchMedia(SMALL_SCREEN).matches,
    () => false,
  );
}

/** Calendar state lives in the URL (?view=&date=&accounts=…): shareable, and Back works. */
function useCalendarParams(timezone: string, now: Date) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const small = useSmallScreen();
  const defaultView: CalendarViewKind = small ? "list" : "month";
  const today = todayIn(timezone, now);
  const { view, anchor, filters } = readCalendarParams(params, { today, defaultView, statuses: STATUS_VALUES });

  function update(changes: Record<string, string | string[] | null>) {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      const text = Array.isArray(value) ? value.join(",") : value;
      if (text) next.set(key, text);
      else next.delete(key);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  const hrefFor = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    return `${pathname}?${next.toString()}`;
  };

  return { view, defaultView, anchor, today, filters, update, hrefFor };
}

export function CalendarView() {
  const trpc = useTRPC();
  const { org, slug, can } = useOrg();
  const timezone = org.timezone;
  const now = useNow(30_000);
  const { view, defaultView, anchor, today, filters, update, hrefFor } = useCalendarParams(timezone, now);
  const reschedule = useReschedule();
  const [moveTarget, setMoveTarget] = useState<PlacedPost | null>(null);

  const days = visibleDays(view, anchor);
  const firstDay = days[0] ?? anchor;
  const lastDay = days.at(-1) ?? anchor;
  const range = coveringRange(firstDay, lastDay);
  const hasFilters = filters.accounts.length + filters.campaigns.length + filters.statuses.length + filters.labels.length > 0;

  const posts = useQuery({
    ...trpc.posts.list.queryOptions({
      from: range.from,
      to: range.to,
      accountIds: filters.accounts.length ? filters.accounts : undefined,
      campaignIds: filters.campaigns.length ? filters.campaigns : undefined,
      statuses: filters.statuses.length ? filters.statuses : undefined,
      labels: filters.labels.length ? filters.labels : undefined,
    }),
    placeholderData: keepPreviousData,
    // Posts about to go out (or going out) are watched closely, so "Published" shows up on its own.
    refetchInterval: (query) => {
      const soon = now.getTime() + 10 * 60_000;
      const busy = query.state.data?.some((p) => p.status === "PUBLISHING" || (p.status === "SCHEDULED" && p.scheduledAt && p.scheduledAt.getTime() < soon));
      return busy ? 4_000 : 60_000;
    },
  });
  const accounts = useQuery(trpc.socialAccounts.list.queryOptions());
  const campaigns = useQuery(trpc.campaigns.list.queryOptions({}));
  const avatars = useMemo(() => new Map((accounts.data ?? []).map((a) => [a.id, a.avatarUrl] as const)), [accounts.data]);

  const placed = useMemo(
    () => placePosts(posts.data ?? [], timezone, { canMove: can("posts.schedule"), optimistic: reschedule.optimistic }),
    // `can` is stable per role; the optimistic map changes identity on every move.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [posts.data, timezone, reschedule.optimistic],
  );
  const byDay = useMemo(() => groupByDay(placed), [placed]);
  const visibleCount = days.reduce((sum, day) => sum + (byDay.get(day)?.length ?? 0), 0);
  const labelOptions = [...new Set([...(posts.data ?? []).flatMap((p) => p.labels), ...filters.labels])].sort();

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const byId = new Map(placed.map((item) => [item.post.id, item]));
  const describeTarget = (id: UniqueIdentifier) => {
    const target = parseDropId(String(id));
    if (!target) return "nowhere";
    return target.hour === undefined ? formatLongDay(target.date) : `${formatLongDay(target.date)} at ${hourLabel(target.hour)}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${postTitle(byId.get(String(active.id))?.post ?? { content: "" })}.`,
    onDragOver: ({ over }) => (over ? `Over ${describeTarget(over.id)}.` : "Not over a day."),
    onDragEnd: ({ over }) => (over ? `Dropped on ${describeTarget(over.id)}.` : "Dropped outside the calendar; nothing changed."),
    onDragCancel: () => "Move cancelled; nothing changed.",
  };

  function onDragEnd(event: DragEndEvent) {
    const item = byId.get(String(event.active.id));
    const target = event.over ? parseDropId(String(event.over.id)) : null;
    if (!item || !target) return;
    const request = moveForDrop(item, target, timezone);
    if (request) void reschedule.move(request);
  }

  const postHref = (postId: string) => `/${slug}/posts/${postId}`;
  const dayHref = (date: PlainDate) => hrefFor({ view: "week", date });
  const title = view === "week" ? formatWeekRange(anchor) : formatMonth(anchor);
  const viewProps = { days, byDay, today, postHref, onMoveRequest: setMoveTarget, avatars };

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Calendar"
        description="Everything scheduled and published, by day. Drag a post to move it, or use its Move to… action."
        actions={
          <>
            <PostActions />
          </>
        }
      >
        <ZoneNote timezone={timezone} now={now} />
      </PageHeader>

      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="outline" size="sm" onClick={() => update({ date: null })} disabled={anchor === today}>
            Today
          </Button>
          <div className="flex items-center">
            <Button variant="ghost" size="icon-sm" aria-label={view === "week" ? "Previous week" : "Previous month"} onClick={() => update({ date: stepAnchor(view, anchor, -1) })}>
              <ChevronLeftIcon aria-hidden />
            </Button>
            <Button variant="ghost" size="icon-sm" aria-label={view === "week" ? "Next week" : "Next month"} onClick={() => update({ date: stepAnchor(view, anchor, 1) })}>
              <ChevronRightIcon aria-hidden />
            </Button>
          </div>
          <h2 className="min-w-40 text-lg font-semibold tracking-tight" aria-live="polite" data-testid="calendar-title">
            {title}
          </h2>
          {posts.isFetching && !posts.isPending ? <Spinner label="Updating" className="size-4 text-muted-foreground" /> : null}
        </div>
        <SegmentedControl
          label="Calendar view"
          value={view}
          onValueChange={(value) => update({ view: value === defaultView ? null : value })}
          optionClassName="px-3 capitalize"
          options={CALENDAR_VIEWS.map((v) => {
            const Icon = VIEW_ICONS[v];
            return {
              value: v,
              label: (
                <>
                  <Icon aria-hidden /> {v}
                </>
              ),
            };
          })}
        />
      </div>

      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
        <MultiSelectFilter
          label="Accounts"
          options={(accounts.data ?? []).map((a) => ({ value: a.id, label: accountLabel(a), icon: <NetworkMark network={a.network} className="size-4 text-[0.5625rem]" /> }))}
          selected={filters.accounts}
          onChange={(next) => update({ accounts: next })}
          emptyText="No accounts connected yet."
        />
        <MultiSelectFilter
          label="Campaigns"
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name, icon: <span aria-hidden className="size-2.5 rounded-full" style={{ background: c.color }} /> }))}
          selected={filters.campaigns}
          onChange={(next) => update({ campaigns: next })}
          emptyText="No campaigns yet."
        />
        <MultiSelectFilter label="Status" options={STATUS_OPTIONS} selected={filters.statuses} onChange={(next) => update({ statuses: next })} />
        <MultiSelectFilter label="Labels" options={labelOptions.map((l) => ({ value: l, label: l }))} selected={filters.labels} onChange={(next) => update({ labels: next })} emptyText="No labels on these posts." />
        {hasFilters ? (
          <Button variant="ghost" size="sm" onClick={() => update({ accounts: null, campaigns: null, statuses: null, labels: null })}>
            Clear filters
          </Button>
        ) : null}
      </div>

      {posts.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the calendar: {apiError(posts.error).message}</AlertDescription>
        </Alert>
      ) : null}

      {!posts.isPending && !posts.isError && visibleCount === 0 ? (
        <Alert variant="info" data-testid="calendar-empty">
          <AlertDescription>
            {hasFilters ? (
              <span>
                No posts match these filters in this {view === "week" ? "week" : "month"}.{" "}
                <button type="button" className="font-medium underline underline-offset-4" onClick={() => update({ accounts: null, campaigns: null, statuses: null, labels: null })}>
                  Clear filters
                </button>
              </span>
            ) : (
              <span>
                Nothing scheduled in {title}.{" "}
                {can("posts.create") ? (
                  <Link href={`/${slug}/posts/new`} className="font-medium underline underline-offset-4">
                    Write a post
                  </Link>
                ) : null}
              </span>
            )}
          </AlertDescription>
        </Alert>
      ) : null}

      {posts.isPending ? (
        <CalendarSkeleton view={view} />
      ) : (
        <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: "Posts can be dragged with a pointer. From the keyboard, open the post's actions and choose Move to…." } }}>
          {view === "month" ? <MonthView {...viewProps} anchor={anchor} dayHref={dayHref} /> : null}
          {view === "week" ? <WeekView {...viewProps} nowHour={hourOf(toLocalTime(now, timezone))} /> : null}
          {view === "list" ? <ListView {...viewProps} /> : null}
        </DndContext>
      )}

      {reschedule.dialog}
      <MovePostDialog
        open={moveTarget !== null}
        onOpenChange={(open) => !open && setMoveTarget(null)}
        timezone={timezone}
        currentLocalTime={moveTarget?.local ?? `${today}T09:00`}
        postLabel={moveTarget ? postTitle(moveTarget.post) : ""}
        onMove={(localTime) => (moveTarget ? reschedule.move({ postId: moveTarget.post.id, timezone, localTime }) : Promise.resolve(false))}
      />
    </div>
  );
}

export function CalendarSkeleton({ view = "month" }: { view?: CalendarViewKind }) {
  if (view === "list") {
    return (
      <div className="grid gap-3" role="status" aria-busy aria-label="Loading calendar">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-16 rounded-xl" />
        ))}
      </div>
    );
  }
  return (
    <div className="grid grid-cols-7 gap-px overflow-hidden rounded-xl border bg-border" role="status" aria-busy aria-label="Loading calendar">
      {Array.from({ length: view === "week" ? 7 * 6 : 42 }, (_, i) => (
        <div key={i} className="flex h-28 flex-col gap-1.5 bg-card p-2">
          <Skeleton className="h-3 w-6 self-end" />
          {i % 3 === 0 ? <Skeleton className="h-5 w-full" /> : null}
          {i % 5 === 0 ? <Skeleton className="h-5 w-4/5" /> : null}
        </div>
      ))}
    </div>
  );
}
