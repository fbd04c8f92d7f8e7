"use client";

import { useState } from "react";
import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { cn } from "@mg/ui/lib/utils";
import { Tooltip, TooltipContent, TooltipTrigger } from "@mg/ui/tooltip";
import { AccountAvatars, type AvatarAccount } from "~/components/posts/account-avatar";
import { postExcerpt } from "../../calendar/calendar-model";
import { addMonths, dateInZone, formatIsoDate, formatMonth, monthWeeks, WEEKDAY_LONG, WEEKDAY_SHORT } from "../dates";
import { postPath, postStatusDot, postStatusLabel } from "../post-status";

export interface MonthPost {
  id: string;
  content: string;
  status: string;
  scheduledAt: Date | null;
  publishedAt: Date | null;
  targets?: readonly { socialAccountId: string }[];
}

const MAX_PER_DAY = 3;

function postInstant(post: MonthPost): Date | null {
  return post.publishedAt ?? post.scheduledAt;
}

/**
 * A compact month grid of one campaign's posts, in the organization's time zone. The campaign's
 * date range is tinted with its colour; navigation covers the range and any post outside it.
 */
export function CampaignMonth({
  slug,
  posts,
  startsOn,
  endsOn,
  color,
  timeZone,
  today,
  accounts = new Map(),
}: {
  slug: string;
  posts: MonthPost[];
  startsOn: string;
  endsOn: string;
  color: string;
  timeZone: string;
  today: string | null;
  /** Account id → name and picture (socialAccounts.list), for the avatars; unknown accounts are left out. */
  accounts?: ReadonlyMap<string, AvatarAccount>;
}) {
  const byDay = new Map<string, MonthPost[]>();
  for (const post of posts) {
    const instant = postInstant(post);
    if (!instant) continue;
    const day = dateInZone(instant, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), post]);
  }
  for (const list of byDay.values()) list.sort((a, b) => (postInstant(a)?.getTime() ?? 0) - (postInstant(b)?.getTime() ?? 0));
  const days = [...byDay.keys()].sort();
  const minMonth = [startsOn.slice(0, 7), days[0]?.slice(0, 7)].filter((m): m is string => Boolean(m)).sort()[0] ?? startsOn.slice(0, 7);
  const maxMonth = [endsOn.slice(0, 7), days.at(-1)?.slice(0, 7)].filter((m): m is string => Boolean(m)).sort().at(-1) ?? endsOn.slice(0, 7);
  const todayMonth = today?.slice(0, 7);
  const defaultMonth = todayMonth && todayMonth >= minMonth && todayMonth <= maxMonth ? todayMonth : minMonth;

  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? defaultMonth;
  const weeks = monthWeeks(month);
  const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const unscheduled = posts.filter((p) => !postInstant(p)).length;

  return (
    <div className="grid gap-3" data-testid="campaign-month">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium" aria-live="polite">
          {formatMonth(month)}
        </h3>
        <div className="flex items-center gap-1">
          <Button variant="outline" size="icon-sm" aria-label="Previous month" disabled={month <= minMonth} onClick={() => setChosen(addMonths(month, -1))}>
            <ChevronLeftIcon aria-hidden />
          </Button>
          <Button variant="outline" size="icon-sm" aria-label="Next month" disabled={month >= maxMonth} onClick={() => setChosen(addMonths(month, 1))}>
            <ChevronRightIcon aria-hidden />
          </Button>
        </div>
      </div>
      <div role="table" aria-label={`Posts in ${formatMonth(month)}`} className="overflow-hidden rounded-lg border text-xs">
        <div role="row" className="grid grid-cols-7 border-b bg-muted/50">
          {WEEKDAY_SHORT.map((d, i) => (
            <div key={d} role="columnheader" className="px-1.5 py-1.5 text-center font-medium text-muted-foreground">
              <abbr title={WEEKDAY_LONG[i]} className="no-underline">
                {d}
              </abbr>
            </div>
          ))}
        </div>
        {weeks.map((week) => (
          <div role="row" key={week[0]} className="grid grid-cols-7 border-b last:border-b-0">
            {week.map((day) => {
              const inMonth = day.slice(0, 7) === month;
              const inRange = day >= startsOn && day <= endsOn;
              const list = byDay.get(day) ?? [];
              return (
                <div
                  role="cell"
                  key={day}
                  aria-label={`${formatIsoDate(day)}${inRange ? ", in campaign" : ""}: ${list.length} ${list.length === 1 ? "post" : "posts"}`}
                  className={cn("relative min-h-16 min-w-0 overflow-hidden border-r p-1 last:border-r-0 sm:min-h-20", !inMonth && "bg-muted/30 text-muted-foreground")}
                  style={inRange && inMonth ? { backgroundColor: `color-mix(in oklab, ${color} 9%, transparent)` } : undefined}
                >
                  <span className={cn("inline-flex size-5 items-center justify-center rounded-full tabular-nums", day === today && "bg-primary font-semibold text-primary-foreground")}>{Number(day.slice(8))}</span>
                  <ul className="mt-0.5 grid gap-0.5">
                    {list.slice(0, MAX_PER_DAY).map((post) => {
                      const instant = postInstant(post);
                      const time = instant ? timeFormat.format(instant) : "";
                      const postAccounts = [...new Set((post.targets ?? []).map((t) => t.socialAccountId))].flatMap((id) => accounts.get(id) ?? []);
                      return (
                        <li key={post.id}>
                          <Tooltip delayDuration={300}>
                            <TooltipTrigger asChild>
                              <Link
                                href={postPath(slug, post.id)}
                                className="grid min-w-0 gap-0.5 overflow-hidden rounded px-1 py-0.5 outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
                                data-testid="campaign-month-post"
                              >
                                <span className="flex min-w-0 items-center gap-1">
                                  <span aria-hidden className={cn("size-1.5 shrink-0 rounded-full", postStatusDot(post.status))} />
                                  <AccountAvatars accounts={postAccounts} max={1} className="hidden sm:inline-flex" />
                                  <span className="hidden tabular-nums sm:inline">{time}</span>
                                  <span className="sr-only sm:hidden">{time}</span>
                                </span>
                                {/* The start of the text where there is room; the rest (and on phones, all of it) in the tooltip. */}
                                <span className="line-clamp-2 min-w-0 break-words text-muted-foreground max-sm:sr-only">{postExcerpt(post.content, 80)}</span>
                                <span className="sr-only">{`, ${postStatusLabel(post.status).toLowerCase()}`}</span>
                              </Link>
                            </TooltipTrigger>
                            <TooltipContent side="top" align="start" className="grid max-w-xs gap-1.5 text-left">
                              <span className="font-semibold">
                                {time ? `${time} · ` : ""}
                                {postStatusLabel(post.status)}
                              </span>
                              <span className="max-h-72 overflow-y-auto whitespace-pre-wrap break-words">{post.content.trim() || "(No text — media only)"}</span>
                              {postAccounts.length ? <span className="opacity-80">{postAccounts.map((a) => a.name).join(", ")}</span> : null}
                            </TooltipContent>
                          </Tooltip>
                        </li>
                      );
                    })}
                    {list.length > MAX_PER_DAY ? <li className="px-1 text-muted-foreground">+{list.length - MAX_PER_DAY} more</li> : null}
                  </ul>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {unscheduled > 0 ? (
        <p className="text-xs text-muted-foreground">
          {unscheduled} {unscheduled === 1 ? "draft has" : "drafts have"} no date yet and {unscheduled === 1 ? "is" : "are"} not on the calendar.
        </p>
      ) : null}
    </div>
  );
}
