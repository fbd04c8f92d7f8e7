"use client";

import type { CSSProperties } from "react";
import { useRouter } from "next/navigation";
import { useDraggable } from "@dnd-kit/core";
import { CalendarClockIcon, ExternalLinkIcon, GripVerticalIcon, MoreHorizontalIcon, RepeatIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { cn } from "@mg/ui/lib/utils";
import { Tooltip, TooltipContent, TooltipTrigger } from "@mg/ui/tooltip";
import { AccountAvatars } from "~/components/posts/account-avatar";
import { NetworkMark } from "~/components/posts/network-badge";
import { PostStatusBadge, PostStatusIcon, statusLabel } from "~/components/posts/post-status-badge";
import { timePart } from "~/lib/scheduling-ui";
import { postAccounts, postExcerpt, postTitle, type PlacedPost } from "./calendar-model";

const NEUTRAL = "var(--muted-foreground)";

/**
 * One post on the calendar, tinted by its campaign: the accounts' pictures, the time, and the start
 * of the text on up to two lines; the whole text on hover and on keyboard focus (a tooltip, which
 * also describes the button to screen readers). Dragging moves it (pointer); the menu's "Move to…"
 * does the same from the keyboard. Activating it opens the post. Its accessible name is its visible
 * text (time, start of the text) plus the status, so what is read matches what is seen.
 */
export function PostChip({
  item,
  href,
  onMoveRequest,
  avatars,
  dense = false,
}: {
  item: PlacedPost;
  href: string;
  onMoveRequest: (item: PlacedPost) => void;
  /** Account id → its picture (socialAccounts.list); accounts without one show initials. */
  avatars: ReadonlyMap<string, string | null>;
  dense?: boolean;
}) {
  const router = useRouter();
  const { post } = item;
  const { setNodeRef, listeners, isDragging, transform } = useDraggable({ id: post.id, disabled: !item.movable, data: { item } });
  const color = post.campaign?.color ?? NEUTRAL;
  const title = postTitle(post);
  const accounts = postAccounts(post, avatars);
  const networks = [...new Set(post.targets.map((t) => t.network))];
  const time = timePart(item.local);
  const style = {
    "--campaign": color,
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
  } as CSSProperties;

  return (
    <div
      ref={setNodeRef}
      {...listeners}
      style={style}
      data-testid="calendar-post"
      data-post-id={post.id}
      data-local-time={item.local}
      data-status={post.status}
      aria-busy={item.moving || undefined}
      className={cn(
        "group/chip relative flex min-w-0 items-stretch rounded-md border border-l-4 border-l-(--campaign) bg-[color-mix(in_oklab,var(--campaign)_10%,var(--card))] text-xs shadow-xs transition-shadow",
        item.movable && "cursor-grab touch-none active:cursor-grabbing",
        isDragging && "z-50 opacity-90 shadow-lg ring-2 ring-ring",
        item.moving && "animate-pulse",
      )}
    >
      <Tooltip delayDuration={300}>
        <TooltipTrigger asChild>
          <button
            type="button"
            onClick={() => router.push(href)}
            className="flex min-w-0 flex-1 flex-col gap-0.5 rounded-l-sm px-1.5 py-1 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring"
            data-testid="calendar-post-open"
          >
            <span className="flex min-w-0 items-center gap-1">
              {item.movable ? <GripVerticalIcon className="-ml-1 size-3 shrink-0 text-muted-foreground/60" aria-hidden /> : null}
              {dense ? <PostStatusIcon status={post.status} /> : null}
              <AccountAvatars accounts={accounts} />
              <span className="font-semibold tabular-nums">{time}</span>
              {post.recurrenceRule || post.seriesId ? <RepeatIcon className="size-3 shrink-0 text-muted-foreground" aria-label="Repeats" role="img" /> : null}
            </span>
            <span className="line-clamp-2 min-w-0 leading-snug break-words" data-testid="calendar-post-text">
              {postExcerpt(post.content)}
            </span>
            {dense ? <span className="sr-only">{`, ${statusLabel(post.status).toLowerCase()}`}</span> : null}
            {dense ? null : (
              <span className="flex min-w-0 flex-wrap items-center gap-1">
                <PostStatusBadge status={post.status} compact />
                {networks.map((network) => (
                  <NetworkMark key={network} network={network} className="size-4 text-[0.5625rem]" />
                ))}
              </span>
            )}
          </button>
        </TooltipTrigger>
        <TooltipContent side="top" align="start" className="grid max-w-xs gap-1.5 text-left" data-testid="calendar-post-tooltip">
          <span className="font-semibold">
            {time} · {statusLabel(post.status)}
            {post.campaign ? ` · ${post.campaign.name}` : ""}
          </span>
          <span className="max-h-72 overflow-y-auto whitespace-pre-wrap break-words">{post.content.trim() || title}</span>
          {accounts.length ? <span className="opacity-80">{accounts.map((a) => a.name).join(", ")}</span> : null}
        </TooltipContent>
      </Tooltip>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" className="size-6 shrink-0 self-start opacity-70 group-hover/chip:opacity-100 focus-visible:opacity-100" aria-label={`Actions for ${postExcerpt(post.content, 60)}`}>
            <MoreHorizontalIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => router.push(href)}>
            <ExternalLinkIcon aria-hidden /> Open post
          </DropdownMenuItem>
          <DropdownMenuItem disabled={!item.movable} onSelect={() => onMoveRequest(item)}>
            <CalendarClockIcon aria-hidden /> Move to…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
