"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { CalendarDaysIcon, NewspaperIcon, RepeatIcon, SearchIcon } from "lucide-react";
import { formatZoned } from "@mg/scheduling";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { NetworkMark, shortAccountLabel } from "~/components/posts/network-badge";
import { PostStatusBadge, PostStatusIcon, STATUS_OPTIONS } from "~/components/posts/post-status-badge";
import type { PostStatus } from "~/components/posts/types";
import { useNow } from "~/components/posts/use-now";
import { ZoneNote } from "~/components/posts/zone-note";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { PostActions } from "~/components/posts/post-actions";
import { useOrg } from "../org-context";

const ALL = "all";
const STATUS_VALUES = new Set<string>(STATUS_OPTIONS.map((o) => o.value));

function excerpt(content: string): string {
  const text = content.trim().replace(/\s+/g, " ");
  return text ? (text.length > 120 ? `${text.slice(0, 117)}…` : text) : "(No text — media only)";
}

export function PostsTableSkeleton() {
  return (
    <div className="grid gap-3 p-6" role="status" aria-busy aria-label="Loading posts">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-5 w-20" />
          <Skeleton className="hidden h-4 w-28 sm:block" />
          <Skeleton className="hidden h-4 w-32 md:block" />
        </div>
      ))}
    </div>
  );
}

/** Every post of the organization, newest first: search, filter by status, open to edit. */
export function PostsListView() {
  const trpc = useTRPC();
  const { slug, org } = useOrg();
  const now = useNow(60_000);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.get("q") ?? "";
  const rawStatus = params.get("status");
  const status = rawStatus && STATUS_VALUES.has(rawStatus) ? (rawStatus as PostStatus) : null;
  const [text, setText] = useState(query);

  function setParam(key: string, value: string | null) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  // Search as the user types, without a request per keystroke.
  useEffect(() => {
    if (text.trim() === query) return;
    const id = window.setTimeout(() => setParam("q", text.trim() || null), 300);
    return () => window.clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const posts = useInfiniteQuery({
    ...trpc.posts.search.infiniteQueryOptions({ query: query || undefined, statuses: status ? [status] : undefined, limit: 25 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(query || status);

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Posts"
        description="Every draft, scheduled and published post."
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href={`/${slug}/calendar`}>
                <CalendarDaysIcon aria-hidden /> Calendar
              </Link>
            </Button>
            <PostActions />
          </>
        }
      >
        <ZoneNote timezone={org.timezone} now={now} />
      </PageHeader>

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center" role="search">
        <div className="relative flex-1 sm:max-w-sm">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Search text or labels" aria-label="Search posts" className="pl-9" />
        </div>
        <Select value={status ?? ALL} onValueChange={(value) => setParam("status", value === ALL ? null : value)}>
          <SelectTrigger className="w-full sm:w-48" aria-label="Status">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All statuses</SelectItem>
            {STATUS_OPTIONS.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>

      {posts.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load posts: {apiError(posts.error).message}</AlertDescription>
        </Alert>
      ) : null}

      {posts.isPending ? (
        <Card className="py-0">
          <PostsTableSkeleton />
        </Card>
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchIcon />}
            title="No posts match"
            description="Try other words, or another status."
            action={
              <Button variant="outline" onClick={() => { setText(""); router.replace(pathname, { scroll: false }); }}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<NewspaperIcon />}
            title="No posts yet"
            description="Write your first post, or bring a whole content plan in from a spreadsheet."
            data-testid="posts-empty"
            action={
              <>
                <PostActions />
              </>
            }
          />
        )
      ) : (
        <Card className="gap-0 py-0">
          <Table data-testid="posts-table">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Post</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden md:table-cell">Accounts</TableHead>
                <TableHead className="hidden sm:table-cell">Scheduled</TableHead>
                <TableHead className="hidden pr-6 lg:table-cell">Campaign</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((post) => {
                const when = post.publishedAt ?? post.scheduledAt;
                return (
                  <TableRow key={post.id} data-testid="post-row" data-post-id={post.id}>
                    <TableCell className="max-w-md pl-6 whitespace-normal">
                      <Link href={`/${slug}/posts/${post.id}`} className="font-medium hover:underline focus-visible:underline focus-visible:outline-none">
                        {excerpt(post.content)}
                      </Link>
                      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                        {post.recurrenceRule || post.seriesId ? (
                          <span className="inline-flex items-center gap-1">
                            <RepeatIcon className="size-3" aria-hidden /> Repeats
                          </span>
                        ) : null}
                        {post.labels.map((label) => (
                          <span key={label} className="rounded-full bg-secondary px-2 py-0.5 text-secondary-foreground">
                            {label}
                          </span>
                        ))}
                        <span className="sm:hidden">{when ? formatZoned(when, org.timezone, { weekday: false }) : "Not scheduled"}</span>
                      </div>
                    </TableCell>
                    <TableCell>
                      <PostStatusBadge status={post.status} />
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      <ul className="flex flex-wrap gap-1" aria-label="Accounts">
                        {post.targets.map((target) => (
                          <li key={target.id} className="inline-flex items-center gap-1 text-xs" title={target.socialAccount.name}>
                            <NetworkMark network={target.network} className="size-4 text-[0.5625rem]" />
                            <span className="max-w-28 truncate">{shortAccountLabel(target.socialAccount)}</span>
                            {/* The one account whose outcome someone has to check, named in words on hover and for screen readers. */}
                            {target.status === "OUTCOME_UNKNOWN" ? <PostStatusIcon status="OUTCOME_UNKNOWN" /> : null}
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell className="hidden text-sm sm:table-cell">
                      {when ? <time dateTime={when.toISOString()}>{formatZoned(when, org.timezone, { weekday: false })}</time> : <span className="text-muted-foreground">—</span>}
                    </TableCell>
                    <TableCell className="hidden pr-6 lg:table-cell">
                      {post.campaign ? (
                        <span className="inline-flex items-center gap-1.5 text-sm">
                          <span aria-hidden className="size-2.5 rounded-full" style={{ background: post.campaign.color }} />
                          {post.campaign.name}
                        </span>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {posts.hasNextPage ? (
            <div className="border-t p-3 text-center">
              <Button variant="ghost" onClick={() => void posts.fetchNextPage()} loading={posts.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          ) : null}
        </Card>
      )}
    </div>
  );
}
