"use client";

import { useEffect, useRef } from "react";
import { useDroppable } from "@dnd-kit/core";
import { cn } from "@mg/ui/lib/utils";
import { formatDay, formatLongDay, hourLabel, hourOf, type PlainDate } from "~/lib/scheduling-ui";
import { slotDropId, type PlacedPost } from "./calendar-model";
import type { CalendarViewProps } from "./month-view";
import { PostChip } from "./post-chip";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const ROW_REM = 3.5;

export function WeekView({ days, byDay, today, nowHour, postHref, onMoveRequest, avatars }: Omit<CalendarViewProps, "anchor" | "dayHref"> & { nowHour: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const firstHour = Math.min(8, ...days.flatMap((day) => (byDay.get(day) ?? []).map((item) => hourOf(item.local))));

  // Open at the working day (or the earliest post), not at midnight.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    el.scrollTop = Math.max(0, firstHour - 1) * ROW_REM * rem;
    // Only on first render of a week: later moves must not yank the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [days[0]]);

  return (
    <div className="overflow-hidden rounded-xl border bg-card" data-testid="calendar-week">
      {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
      <div ref={scroller} className="max-h-[70vh] overflow-auto" tabIndex={0} role="region" aria-label="Week, by hour">
        <div className="grid min-w-[52rem] grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
          <div className="sticky top-0 z-20 border-b bg-card" />
          {days.map((day) => (
            <div key={day} className={cn("sticky top-0 z-20 border-b border-l bg-card px-2 py-2 text-xs font-medium", day === today ? "text-primary" : "text-muted-foreground")}>
              {formatDay(day)}
              {day === today ? <span className="sr-only"> (today)</span> : null}
            </div>
          ))}
          {HOURS.map((hour) => (
            <WeekRow key={hour} hour={hour} days={days} byDay={byDay} today={today} nowHour={nowHour} postHref={postHref} onMoveRequest={onMoveRequest} avatars={avatars} />
          ))}
        </div>
      </div>
    </div>
  );
}

function WeekRow({ hour, days, byDay, today, nowHour, postHref, onMoveRequest, avatars }: { hour: number; days: PlainDate[]; byDay: Map<PlainDate, PlacedPost[]>; today: PlainDate; nowHour: number; postHref: (postId: string) => string; onMoveRequest: (item: PlacedPost) => void; avatars: ReadonlyMap<string, string | null> }) {
  return (
    <>
      <div className="border-b px-1 pt-1 text-right text-[0.6875rem] text-muted-foreground tabular-nums" aria-hidden>
        {hourLabel(hour)}
      </div>
      {days.map((day) => (
        <WeekSlot
          key={day}
          day={day}
          hour={hour}
          items={(byDay.get(day) ?? []).filter((item) => hourOf(item.local) === hour)}
          isPast={day < today || (day === today && hour < nowHour)}
          postHref={postHref}
          onMoveRequest={onMoveRequest}
          avatars={avatars}
        />
      ))}
    </>
  );
}

function WeekSlot({ day, hour, items, isPast, postHref, onMoveRequest, avatars }: { day: PlainDate; hour: number; items: PlacedPost[]; isPast: boolean; postHref: (postId: string) => string; onMoveRequest: (item: PlacedPost) => void; avatars: ReadonlyMap<string, string | null> }) {
  const { setNodeRef, isOver } = useDroppable({ id: slotDropId(day, hour), disabled: isPast });
  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-label={`${formatLongDay(day)} ${hourLabel(hour)}`}
      data-testid="calendar-slot"
      data-date={day}
      data-hour={hour}
      style={{ minHeight: `${ROW_REM}rem` }}
      className={cn("flex min-w-0 flex-col gap-1 border-b border-l p-0.5 transition-colors", isPast && "bg-muted/30", isOver && "bg-primary/10 ring-2 ring-primary ring-inset")}
    >
      {items.map((item) => (
        <PostChip key={item.post.id} item={item} href={postHref(item.post.id)} onMoveRequest={onMoveRequest} avatars={avatars} dense />
      ))}
    </div>
  );
}
