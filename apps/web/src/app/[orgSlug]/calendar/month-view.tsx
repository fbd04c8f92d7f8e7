"use client";

import Link from "next/link";
import { useDroppable } from "@dnd-kit/core";
import { cn } from "@mg/ui/lib/utils";
import { formatLongDay, formatWeekday, sameMonth, type PlainDate } from "~/lib/scheduling-ui";
import { dayDropId, type PlacedPost } from "./calendar-model";
import { PostChip } from "./post-chip";

const VISIBLE_PER_DAY = 3;

export interface CalendarViewProps {
  days: PlainDate[];
  byDay: Map<PlainDate, PlacedPost[]>;
  today: PlainDate;
  anchor: PlainDate;
  postHref: (postId: string) => string;
  dayHref: (date: PlainDate) => string;
  onMoveRequest: (item: PlacedPost) => void;
  /** Account id → its picture, for the chips. */
  avatars: ReadonlyMap<string, string | null>;
}

export function MonthView({ days, byDay, today, anchor, postHref, dayHref, onMoveRequest, avatars }: CalendarViewProps) {
  return (
    <div className="overflow-x-auto rounded-xl border bg-card" data-testid="calendar-month">
      <div className="grid min-w-[44rem] grid-cols-7">
        {days.slice(0, 7).map((day) => (
          <div key={day} className="border-b px-2 py-2 text-xs font-medium text-muted-foreground" aria-hidden>
            {formatWeekday(day)}
          </div>
        ))}
        {days.map((day, index) => (
          <MonthCell
            key={day}
            day={day}
            items={byDay.get(day) ?? []}
            isToday={day === today}
            inMonth={sameMonth(day, anchor)}
            isPast={day < today}
            lastColumn={index % 7 === 6}
            postHref={postHref}
            dayHref={dayHref}
            onMoveRequest={onMoveRequest}
            avatars={avatars}
          />
        ))}
      </div>
    </div>
  );
}

function MonthCell({
  day,
  items,
  isToday,
  inMonth,
  isPast,
  lastColumn,
  postHref,
  dayHref,
  onMoveRequest,
  avatars,
}: {
  day: PlainDate;
  items: PlacedPost[];
  isToday: boolean;
  inMonth: boolean;
  isPast: boolean;
  lastColumn: boolean;
  postHref: (postId: string) => string;
  dayHref: (date: PlainDate) => string;
  onMoveRequest: (item: PlacedPost) => void;
  avatars: ReadonlyMap<string, string | null>;
}) {
  const { setNodeRef, isOver, active } = useDroppable({ id: dayDropId(day), disabled: isPast });
  const hidden = items.length - VISIBLE_PER_DAY;
  return (
    <section
      ref={setNodeRef}
      aria-label={`${formatLongDay(day)}${items.length ? `, ${items.length} post${items.length === 1 ? "" : "s"}` : ""}`}
      data-testid="calendar-day"
      data-date={day}
      className={cn(
        "flex min-h-28 min-w-0 flex-col gap-1 border-b p-1.5 transition-colors",
        !lastColumn && "border-r",
        !inMonth && "bg-muted/40",
        isPast && active && "bg-muted/60",
        isOver && "bg-primary/10 ring-2 ring-primary ring-inset",
      )}
    >
      <span
        className={cn(
          "flex size-6 items-center justify-center self-end rounded-full text-xs tabular-nums",
          isToday ? "bg-primary font-semibold text-primary-foreground" : inMonth ? "text-foreground" : "text-muted-foreground",
        )}
      >
        {Number(day.slice(8))}
        {isToday ? <span className="sr-only"> (today)</span> : null}
      </span>
      {items.slice(0, hidden > 0 ? VISIBLE_PER_DAY - 1 : VISIBLE_PER_DAY).map((item) => (
        <PostChip key={item.post.id} item={item} href={postHref(item.post.id)} onMoveRequest={onMoveRequest} avatars={avatars} dense />
      ))}
      {hidden > 0 ? (
        <Link href={dayHref(day)} className="rounded px-1 text-xs font-medium text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
          +{hidden + 1} more
        </Link>
      ) : null}
    </section>
  );
}
