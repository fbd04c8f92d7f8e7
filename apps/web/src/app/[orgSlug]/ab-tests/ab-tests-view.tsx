"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { SplitIcon, TrophyIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { cn } from "@mg/ui/lib/utils";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { formatInZone } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { postPath, PostStatusBadge } from "../campaigns/post-status";
import { useNowMinute } from "../campaigns/dates";
import { CreateAbTestDialog } from "./create-ab-test-dialog";
import { formatMetric, formatWindow, METRIC_LABELS, type AbTest } from "./metrics";

const STATUS: Record<string, { label: string; variant: "secondary" | "success" | "outline" }> = {
  RUNNING: { label: "Running", variant: "secondary" },
  DECIDED: { label: "Decided", variant: "success" },
  CANCELLED: { label: "Cancelled", variant: "outline" },
};

function AbTestCard({ test }: { test: AbTest }) {
  const { slug, org } = useOrg();
  const now = useNowMinute();
  const status = STATUS[test.status] ?? { label: test.status, variant: "outline" as const };
  const decided = test.status === "DECIDED";
  const values = test.variants.map((v) => v.value ?? 0);
  const best = Math.max(0, ...values);
  const overdue = test.status === "RUNNING" && test.decideAt && now !== null && test.decideAt.getTime() < now;
  const winner = test.variants.find((v) => v.postId === test.winnerPostId);
  const runnerUp = decided && winner ? Math.max(...test.variants.filter((v) => v.postId !== winner.postId).map((v) => v.value ?? 0)) : null;

  return (
    <li data-testid="ab-test" data-status={test.status}>
      <Card className="gap-4">
        <CardHeader>
          <CardTitle as="h2" className="flex flex-wrap items-center gap-2">
            {test.name}
          </CardTitle>
          <CardDescription className="flex flex-wrap gap-x-3 gap-y-1">
            <span>
              Winner by <strong className="font-medium text-foreground">{METRIC_LABELS[test.metric]}</strong>
            </span>
            <span>{formatWindow(test.windowHours)} after the last post</span>
            <span>
              {decided && test.decidedAt
                ? `Decided ${formatInZone(test.decidedAt, org.timezone)}`
                : test.decideAt
                  ? `${overdue ? "Was due" : "Decides"} ${formatInZone(test.decideAt, org.timezone)}`
                  : "Decide time set when every variant has a time"}
            </span>
          </CardDescription>
          <CardAction>
            <Badge variant={status.variant}>{status.label}</Badge>
          </CardAction>
        </CardHeader>
        <CardContent className="grid gap-3">
          {decided && winner ? (
            <p className="flex items-center gap-2 rounded-md bg-success/10 px-3 py-2 text-sm" data-testid="ab-test-result">
              <TrophyIcon className="size-4 shrink-0 text-success" aria-hidden />
              <span>
                Variant <strong>{winner.key}</strong> won with {formatMetric(test.metric, winner.value)}
                {runnerUp !== null && test.variants.length > 1 ? ` (next best ${formatMetric(test.metric, runnerUp)})` : ""}.
              </span>
            </p>
          ) : test.status === "RUNNING" ? (
            <p className="text-sm text-muted-foreground">{overdue ? "The result is being worked out." : "Values so far — the winner is picked at the decide time."}</p>
          ) : null}
          <ul className="grid gap-2" aria-label={`Variants of ${test.name}`}>
            {test.variants.map((variant) => {
              const isWinner = variant.postId === test.winnerPostId;
              const share = best > 0 && variant.value !== null ? variant.value / best : 0;
              return (
                <li
                  key={variant.postId}
                  className={cn("grid gap-2 rounded-lg border p-3 sm:grid-cols-[auto_1fr_auto] sm:items-center sm:gap-4", isWinner && "border-success/60 bg-success/5")}
                  data-testid="ab-variant"
                  data-winner={isWinner || undefined}
                >
                  <span className={cn("flex size-8 items-center justify-center rounded-full text-sm font-semibold", isWinner ? "bg-success text-success-foreground" : "bg-muted")} aria-label={`Variant ${variant.key ?? "?"}${isWinner ? ", winner" : ""}`}>
                    {variant.key}
                  </span>
                  <div className="grid min-w-0 gap-1">
                    <Link href={postPath(slug, variant.postId)} className="truncate text-sm font-medium hover:text-primary hover:underline">
                      {variant.content || "No text"}
                    </Link>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      {isWinner ? (
                        <Badge variant="success">
                          <TrophyIcon aria-hidden /> Winner
                        </Badge>
                      ) : null}
                      <PostStatusBadge status={variant.status} />
                      {variant.publishedAt ? <span>Published {formatInZone(variant.publishedAt, org.timezone)}</span> : variant.scheduledAt ? <span>Goes out {formatInZone(variant.scheduledAt, org.timezone)}</span> : <span>No time yet</span>}
                    </div>
                  </div>
                  <div className="grid min-w-32 gap-1 sm:text-right">
                    <span className={cn("text-lg font-semibold tabular-nums", isWinner && "text-success")}>{formatMetric(test.metric, variant.value)}</span>
                    <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
                      <div className={cn("h-full rounded-full", isWinner ? "bg-success" : "bg-primary/60")} style={{ width: `${Math.round(share * 100)}%` }} />
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>
    </li>
  );
}

export function AbTestsView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const list = useQuery(trpc.abTests.list.queryOptions(undefined, { refetchInterval: 60_000 }));
  const canCreate = can("posts.schedule");

  return (
    <div className="grid gap-8">
      <PageHeader title="A/B tests" description="Publish two or more versions of a post to the same accounts and let the numbers pick the winner." actions={canCreate ? <CreateAbTestDialog /> : null} />
      {list.isPending ? (
        <div className="grid gap-4" role="status" aria-busy aria-label="Loading A/B tests">
          {[0, 1].map((i) => (
            <Skeleton key={i} className="h-56 rounded-xl" />
          ))}
        </div>
      ) : list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={<SplitIcon />}
          title="No A/B tests yet"
          description="Write two versions of a post — a different hook, image or call to action — schedule them to the same accounts, and start a test to see which performs better."
          action={canCreate ? <CreateAbTestDialog label="Start your first test" testId="first-ab-test" /> : null}
        />
      ) : (
        <ul className="grid gap-4">
          {list.data.map((test) => (
            <AbTestCard key={test.id} test={test} />
          ))}
        </ul>
      )}
    </div>
  );
}
