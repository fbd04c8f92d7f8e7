"use client";

import Link from "next/link";
import { CalendarClockIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { cn } from "@mg/ui/lib/utils";
import { AccountAvatar } from "~/components/posts/account-avatar";
import { accountLabel, NetworkMark } from "~/components/posts/network-badge";
import { PostStatusBadge } from "~/components/posts/post-status-badge";
import { formatLongDay, timePart, type PlainDate } from "~/lib/scheduling-ui";
import { postTitle, type PlacedPost } from "./calendar-model";

/** The agenda: every day of the period that has posts, in order. */
export function ListView({ days, byDay, today, postHref, onMoveRequest, avatars }: { days: PlainDate[]; byDay: Map<PlainDate, PlacedPost[]>; today: PlainDate; postHref: (postId: string) => string; onMoveRequest: (item: PlacedPost) => void; avatars: ReadonlyMap<string, string | null> }) {
  const withPosts = days.filter((day) => (byDay.get(day)?.length ?? 0) > 0);
  return (
    <div className="grid gap-6" data-testid="calendar-list">
      {withPosts.map((day) => (
        <section key={day} aria-labelledby={`day-${day}`} data-testid="calendar-day" data-date={day}>
          <h2 id={`day-${day}`} className={cn("mb-2 text-sm font-semibold", day === today ? "text-primary" : "text-muted-foreground")}>
            {formatLongDay(day)}
            {day === today ? " · Today" : ""}
          </h2>
          <ul className="divide-y overflow-hidden rounded-xl border bg-card">
            {(byDay.get(day) ?? []).map((item) => (
              <li
                key={item.post.id}
                data-testid="calendar-post"
                data-post-id={item.post.id}
                data-local-time={item.local}
                data-status={item.post.status}
                className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:gap-4"
                style={{ borderLeft: `4px solid ${item.post.campaign?.color ?? "var(--border)"}` }}
              >
                <span className="w-14 shrink-0 font-semibold tabular-nums">{timePart(item.local)}</span>
                <div className="grid min-w-0 flex-1 gap-1">
                  <Link href={postHref(item.post.id)} className="truncate font-medium hover:underline focus-visible:underline focus-visible:outline-none">
                    {postTitle(item.post)}
                  </Link>
                  <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                    {item.post.targets.map((target) => (
                      <span key={target.id} className="inline-flex items-center gap-1">
                        <AccountAvatar account={{ id: target.socialAccountId, name: target.socialAccount.name, avatarUrl: avatars.get(target.socialAccountId) ?? null }} className="size-5" />
                        <NetworkMark network={target.network} className="size-4 text-[0.5625rem]" />
                        {accountLabel(target.socialAccount)}
                      </span>
                    ))}
                    {item.post.campaign ? <span>Campaign: {item.post.campaign.name}</span> : null}
                    {item.post.labels.length ? <span>Labels: {item.post.labels.join(", ")}</span> : null}
                  </div>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  <PostStatusBadge status={item.post.status} />
                  {item.movable ? (
                    <Button variant="ghost" size="sm" onClick={() => onMoveRequest(item)}>
                      <CalendarClockIcon aria-hidden /> Move to…
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
