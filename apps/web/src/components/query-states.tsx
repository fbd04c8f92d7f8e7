"use client";

import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";

/** What QueryStates reads of a TanStack query (useQuery or useInfiniteQuery alike). */
interface QueryStatus {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * A page's main query in its four states: skeleton rows while it loads (a status named after what
 * loads, so screen readers hear it), the server's message when it fails, `empty` when it holds
 * nothing, else `children`. `children` is built even while loading, so it must read the data with
 * a default (`data ?? []`).
 */
export function QueryStates({
  query,
  loadingLabel,
  rows = 2,
  rowClassName = "h-10",
  loadingClassName = "grid gap-2",
  errorTitle,
  isEmpty,
  empty,
  children,
}: {
  query: QueryStatus;
  /** "Loading lists": the status's accessible name. */
  loadingLabel: string;
  /** How many skeleton rows stand in for the content, and their size. */
  rows?: number;
  rowClassName?: string;
  loadingClassName?: string;
  errorTitle?: string;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (query.isPending) {
    return (
      <div role="status" aria-label={loadingLabel} className={loadingClassName}>
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className={rowClassName} />
        ))}
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert variant="destructive">
        {errorTitle ? <AlertTitle>{errorTitle}</AlertTitle> : null}
        <AlertDescription>{apiError(query.error).message}</AlertDescription>
      </Alert>
    );
  }
  return <>{isEmpty ? empty : children}</>;
}

/** The next page of an infinite query on demand; nothing once the last page is in. */
export function ShowMoreButton({
  query,
  label = "Show more",
  className = "justify-self-center",
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  label?: string;
  className?: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button type="button" variant="outline" className={className} onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
      {query.isFetchingNextPage ? "Loading…" : label}
    </Button>
  );
}
