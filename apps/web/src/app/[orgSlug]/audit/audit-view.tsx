"use client";

import { useMemo, useState, type FormEvent } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { FilterXIcon, ScrollTextIcon, SearchIcon } from "lucide-react";
import { describeRolesWith } from "@mg/api/rbac";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { apiError } from "~/lib/errors";
import { formatInZone, zonedWallTimeToDate } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

/** "owners and admins", from the permission matrix. */
const AUDIT_READERS = describeRolesWith("audit.read");

interface ActionSuggestion {
  value: string;
  count: number;
}

/** The filter's suggestions: each scope as a prefix ("members."), then each action in the log. */
function actionSuggestions(actions: { action: string; count: number }[]): ActionSuggestion[] {
  const counts = new Map<string, number>();
  for (const { action, count } of actions) {
    const dot = action.indexOf(".");
    if (dot > 0) {
      const scope = action.slice(0, dot + 1);
      counts.set(scope, (counts.get(scope) ?? 0) + count);
    }
    counts.set(action, count);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

interface Filters {
  action: string;
  from: string;
  to: string;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A short human summary of an entry's metadata: "name: Old → New", "email: a@b.c". */
function MetadataSummary({ metadata }: { metadata: unknown }) {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return null;
  const entries = Object.entries(metadata as Record<string, unknown>);
  if (entries.length === 0) return null;
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (key === "changed" && value && typeof value === "object") {
      for (const [field, change] of Object.entries(value as Record<string, { from?: unknown; to?: unknown }>)) {
        lines.push(`${field}: ${describeValue(change?.from)} → ${describeValue(change?.to)}`);
      }
    } else {
      lines.push(`${key}: ${describeValue(value)}`);
    }
  }
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 grid gap-0.5 text-xs text-muted-foreground">
      {lines.slice(0, 4).map((line) => (
        <li key={line} className="max-w-md truncate" title={line}>
          {line}
        </li>
      ))}
    </ul>
  );
}

export function AuditView() {
  const trpc = useTRPC();
  const { org, can } = useOrg();
  const [filters, setFilters] = useState<Filters>({ action: "", from: "", to: "" });
  const [draft, setDraft] = useState<Filters>(filters);
  const allowed = can("audit.read");

  const input = {
    limit: 25,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from ? { from: zonedWallTimeToDate(filters.from, org.timezone) } : {}),
    ...(filters.to ? { to: zonedWallTimeToDate(filters.to, org.timezone, true) } : {}),
  };
  const query = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    enabled: allowed,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const actions = useQuery({ ...trpc.audit.actions.queryOptions(), enabled: allowed });
  const suggestions = useMemo(() => actionSuggestions(actions.data ?? []), [actions.data]);
  const filtered = Boolean(filters.action || filters.from || filters.to);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(draft);
  }
  function clear() {
    const empty = { action: "", from: "", to: "" };
    setDraft(empty);
    setFilters(empty);
  }

  if (!allowed) {
    return (
      <div className="grid gap-8">
        <PageHeader title="Audit log" />
        <Alert variant="warning">
          <AlertDescription>Only {AUDIT_READERS} can read the audit log.</AlertDescription>
        </Alert>
      </div>
    );
  }

  return (
    <div className="grid gap-6">
      <PageHeader title="Audit log" description={`Every change made in ${org.name}: who, what, when and from where. Times are shown in ${org.timezone}.`} />

      <form onSubmit={apply} className="grid gap-4 rounded-xl border bg-card p-4 shadow-sm sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" aria-label="Filter the audit log" data-testid="audit-filters">
        <FormField label="Action starts with">
          <Input value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} list="audit-actions" placeholder="e.g. members." />
        </FormField>
        <datalist id="audit-actions">
          {suggestions.map((s) => (
            <option key={s.value} value={s.value} label={`${s.count} ${s.count === 1 ? "entry" : "entries"}`} />
          ))}
        </datalist>
        <FormField label="From">
          <Input type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </FormField>
        <FormField label="To">
          <Input type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </FormField>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            <SearchIcon aria-hidden /> Apply
          </Button>
          {filtered ? (
            <Button type="button" variant="ghost" onClick={clear} aria-label="Clear filters">
              <FilterXIcon aria-hidden />
            </Button>
          ) : null}
        </div>
      </form>

      {query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(query.error).message}</AlertDescription>
        </Alert>
      ) : query.isPending ? (
        <Card className="gap-3 p-6" role="status" aria-busy aria-label="Loading the audit log">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </Card>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<ScrollTextIcon />}
          title={filtered ? "Nothing matches these filters" : "No activity yet"}
          description={filtered ? "Try a shorter action prefix or a wider date range." : "Changes to settings, members and clients will be recorded here."}
          action={
            filtered ? (
              <Button variant="outline" onClick={clear}>
                Clear filters
              </Button>
            ) : null
          }
        />
      ) : (
        <Card className="py-0">
          <Table data-testid="audit-table">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Time ({org.timezone})</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Action</TableHead>
                <TableHead className="hidden md:table-cell">Target</TableHead>
                <TableHead className="hidden pr-6 lg:table-cell">IP</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id} data-testid="audit-row" className="align-top">
                  <TableCell className="pl-6 text-muted-foreground tabular-nums">
                    <time dateTime={item.createdAt.toISOString()} title={item.createdAt.toISOString()}>
                      {formatInZone(item.createdAt, org.timezone)}
                    </time>
                  </TableCell>
                  <TableCell>
                    {item.actor ? (
                      <span className="font-medium" title={item.actor.email}>
                        {item.actor.name ?? item.actor.email}
                      </span>
                    ) : (
                      <span className="text-muted-foreground">System</span>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    <Badge variant="outline" className="font-mono text-[0.6875rem]">
                      {item.action}
                    </Badge>
                    <MetadataSummary metadata={item.metadata} />
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">
                    {item.targetType ? (
                      <span title={item.targetId ?? undefined}>
                        {item.targetType}
                        {item.targetId ? <span className="ml-1 font-mono text-xs">{item.targetId.slice(0, 8)}</span> : null}
                      </span>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                  <TableCell className="hidden pr-6 font-mono text-xs text-muted-foreground lg:table-cell">{item.ip ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className="flex items-center justify-between border-t px-6 py-3 text-sm text-muted-foreground">
            <span>
              {items.length} entr{items.length === 1 ? "y" : "ies"}
              {query.hasNextPage ? " shown" : ""}
            </span>
            {query.hasNextPage ? (
              <Button variant="outline" size="sm" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                Load more
              </Button>
            ) : (
              <span>End of log</span>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
