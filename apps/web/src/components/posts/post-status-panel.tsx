"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, ExternalLinkIcon, OctagonAlertIcon, RotateCcwIcon } from "lucide-react";
import { toast } from "sonner";
import { formatZoned } from "@mg/scheduling";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { cn } from "@mg/ui/lib/utils";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { accountLabel, NetworkMark, NETWORK_NAMES } from "./network-badge";
import { PostStatusBadge } from "./post-status-badge";
import type { PostDetail, PostTargetDetail } from "./types";

type LedgerRow = PostTargetDetail["ledger"][number];

const STEPS = [
  { key: "queuedAt", label: "Queued" },
  { key: "sentAt", label: "Sent" },
  { key: "acknowledgedAt", label: "Acknowledged" },
  { key: "verifiedAt", label: "Verified live" },
] as const;

/** queued → sent → acknowledged → verified, with times; a failure shows where it stopped. */
function LedgerPath({ row, timezone }: { row: LedgerRow; timezone: string }) {
  const failedAfter = row.state === "FAILED" ? STEPS.filter((s) => row[s.key]).length : -1;
  return (
    <ol className="flex flex-wrap items-start gap-x-1 gap-y-2 text-xs" aria-label="Publish path" data-testid="ledger-path">
      {STEPS.map((step, index) => {
        const at = row[step.key];
        const failedHere = index === failedAfter;
        return (
          <li key={step.key} className="flex items-start gap-1" data-step={step.key} data-done={at ? "true" : "false"}>
            {index > 0 ? <span aria-hidden className={cn("mt-2 h-px w-4", at ? "bg-success" : "bg-border")} /> : null}
            <span className="grid justify-items-center gap-0.5 text-center">
              <span
                className={cn(
                  "flex size-5 items-center justify-center rounded-full border",
                  at ? "border-success bg-success text-success-foreground" : failedHere ? "border-destructive bg-destructive text-destructive-foreground" : "border-border text-muted-foreground",
                )}
                aria-hidden
              >
                {at ? <CheckIcon className="size-3" /> : failedHere ? <OctagonAlertIcon className="size-3" /> : null}
              </span>
              <span className={cn("font-medium", !at && "text-muted-foreground")}>{failedHere ? "Failed" : step.label}</span>
              <span className="text-muted-foreground tabular-nums">
                {at ? formatZoned(at, timezone, { weekday: false, year: false }) : failedHere && row.failedAt ? formatZoned(row.failedAt, timezone, { weekday: false, year: false }) : "—"}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function TargetRow({ target, timezone, canRetry }: { target: PostTargetDetail; timezone: string; canRetry: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(trpc.posts.retryTarget.mutationOptions());
  const latest = target.ledger[0];
  const error = target.lastError ?? (latest?.state === "FAILED" ? latest.error : null);

  async function onRetry() {
    try {
      await retry.mutateAsync({ targetId: target.id });
      toast.success(`Retrying ${target.socialAccount.name}`);
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <li className="grid gap-3 p-4" data-testid="target-status" data-status={target.status} data-handle={target.socialAccount.handle ?? ""}>
      <div className="flex flex-wrap items-center gap-2">
        <NetworkMark network={target.socialAccount.network} />
        <span className="min-w-0 flex-1 truncate font-medium">{accountLabel(target.socialAccount)}</span>
        <PostStatusBadge status={target.status} />
        {target.externalUrl ? (
          <Button variant="ghost" size="sm" asChild>
            <a href={target.externalUrl} target="_blank" rel="noreferrer">
              View on {NETWORK_NAMES[target.socialAccount.network]} <ExternalLinkIcon aria-hidden />
            </a>
          </Button>
        ) : null}
      </div>
      {latest ? (
        <LedgerPath row={latest} timezone={timezone} />
      ) : (
        <p className="text-xs text-muted-foreground">{target.status === "DRAFT" ? "Not scheduled yet." : "Waiting for its time; the publish path appears here once it is queued."}</p>
      )}
      {target.status === "FAILED" && error ? (
        <div className="grid gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm" role="alert">
          <p>
            <span className="font-medium">{NETWORK_NAMES[target.socialAccount.network]} said:</span> <span data-testid="network-error">{error}</span>
          </p>
          {latest && latest.attempts > 1 ? <p className="text-xs text-muted-foreground">After {latest.attempts} attempts.</p> : null}
          {canRetry ? (
            <Button size="sm" variant="outline" className="justify-self-start" onClick={() => void onRetry()} loading={retry.isPending}>
              <RotateCcwIcon aria-hidden /> Retry
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Where the post is on each account, and what to do about a failure. */
export function PostStatusPanel({ post, timezone, canRetry }: { post: PostDetail; timezone: string; canRetry: boolean }) {
  const when = post.publishedAt ?? post.scheduledAt;
  return (
    <Card className="gap-0 py-0" data-testid="post-status-panel">
      <CardHeader className="flex flex-wrap items-center justify-between gap-3 border-b py-4 [.border-b]:pb-4">
        <div className="grid gap-1">
          <CardTitle as="h2" className="flex items-center gap-2">
            Status <PostStatusBadge status={post.status} />
          </CardTitle>
          <CardDescription>
            {post.status === "PUBLISHED" && post.publishedAt
              ? `Published ${formatZoned(post.publishedAt, timezone)}`
              : when
                ? `${post.status === "DRAFT" ? "Planned for" : "Goes out"} ${formatZoned(when, timezone)}`
                : "Not scheduled."}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="px-0">
        <ul className="divide-y">
          {post.targets.map((target) => (
            <TargetRow key={target.id} target={target} timezone={timezone} canRetry={canRetry} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
