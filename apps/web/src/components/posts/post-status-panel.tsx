"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, CircleHelpIcon, ExternalLinkIcon, OctagonAlertIcon, RotateCcwIcon, SendIcon } from "lucide-react";
import { toast } from "sonner";
import { formatZoned } from "@mg/scheduling";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { cn } from "@mg/ui/lib/utils";
import { ConfirmAction } from "~/components/confirm-button";
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

/** The ledger's record of a person's decision on an unconfirmed post (posts.confirmLive / posts.sendAgain). */
const CONFIRMED_LIVE_BY_USER = "CONFIRMED_LIVE_BY_USER";

/** queued → sent → acknowledged → verified, with times; a failure (or an outcome nobody could prove) shows where it stopped. */
function LedgerPath({ row, timezone }: { row: LedgerRow; timezone: string }) {
  const unknown = row.state === "OUTCOME_UNKNOWN";
  const stoppedAfter = row.state === "FAILED" || unknown ? STEPS.filter((s) => row[s.key]).length : -1;
  const stoppedAt = unknown ? row.outcomeUnknownAt : row.failedAt;
  return (
    <ol className="flex flex-wrap items-start gap-x-1 gap-y-2 text-xs" aria-label="Publish path" data-testid="ledger-path">
      {STEPS.map((step, index) => {
        const at = row[step.key];
        const failedHere = index === stoppedAfter;
        return (
          <li key={step.key} className="flex items-start gap-1" data-step={step.key} data-done={at ? "true" : "false"}>
            {index > 0 ? <span aria-hidden className={cn("mt-2 h-px w-4", at ? "bg-success" : "bg-border")} /> : null}
            <span className="grid justify-items-center gap-0.5 text-center">
              <span
                className={cn(
                  "flex size-5 items-center justify-center rounded-full border",
                  at
                    ? "border-success bg-success text-success-foreground"
                    : failedHere
                      ? unknown
                        ? "border-warning bg-warning text-warning-foreground"
                        : "border-destructive bg-destructive text-destructive-foreground"
                      : "border-border text-muted-foreground",
                )}
                aria-hidden
              >
                {at ? <CheckIcon className="size-3" /> : failedHere ? unknown ? <CircleHelpIcon className="size-3" /> : <OctagonAlertIcon className="size-3" /> : null}
              </span>
              <span className={cn("font-medium", !at && "text-muted-foreground")}>{failedHere ? (unknown ? "Not confirmed" : "Failed") : step.label}</span>
              <span className="text-muted-foreground tabular-nums">
                {at ? formatZoned(at, timezone, { weekday: false, year: false }) : failedHere && stoppedAt ? formatZoned(stoppedAt, timezone, { weekday: false, year: false }) : "—"}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A target sent to the network without proof either way (past the network's lag window): said
 * plainly, with a link to look at the account on the network, and the two decisions only a
 * person can make.
 */
function UnconfirmedTarget({ target, reason, canDecide }: { target: PostTargetDetail; reason: string | null; canDecide: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(trpc.posts.confirmLive.mutationOptions());
  const sendAgain = useMutation(trpc.posts.sendAgain.mutationOptions());
  const [url, setUrl] = useState("");
  const network = NETWORK_NAMES[target.socialAccount.network];
  const account = target.socialAccount.name;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });

  async function onConfirm(event: FormEvent) {
    event.preventDefault();
    try {
      await confirm.mutateAsync({ targetId: target.id, url: url.trim() || null });
      toast.success(`Marked as live on ${network}`);
      await refresh();
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  async function onSendAgain() {
    try {
      await sendAgain.mutateAsync({ targetId: target.id });
      toast.success(`Sending it again to ${account}`);
      await refresh();
    } catch (e) {
      toast.error(apiError(e).message);
      throw e;
    }
  }

  return (
    <div className="grid gap-3 rounded-md border border-warning/50 bg-warning/5 p-3 text-sm" role="alert" data-testid="outcome-unknown">
      <div className="grid gap-1">
        <p className="font-medium">We couldn&apos;t confirm this went out on {network}.</p>
        {reason ? <p data-testid="outcome-unknown-reason">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p> : null}
        <p className="text-muted-foreground">
          We have not sent it again on our own, so it cannot appear twice. Check {account} on {network}: if the post is there, tell us it is live; if it is not, send it again.
        </p>
      </div>
      {target.checkUrl ? (
        <Button size="sm" variant="outline" className="justify-self-start" asChild>
          <a href={target.checkUrl} target="_blank" rel="noreferrer" data-testid="check-on-network">
            Check {account} on {network} <ExternalLinkIcon aria-hidden />
          </a>
        </Button>
      ) : (
        <p className="text-muted-foreground">Open {network} and look at the latest posts of {account}.</p>
      )}
      {canDecide ? (
        <div className="flex flex-wrap items-end gap-2">
          <form className="flex min-w-0 flex-1 flex-wrap items-end gap-2" onSubmit={(e) => void onConfirm(e)}>
            <FormField label="Post address (optional)" className="min-w-56 flex-1" description={`Paste its link from ${network} to keep it with the post.`}>
              <Input type="url" inputMode="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2048} />
            </FormField>
            <Button type="submit" size="sm" loading={confirm.isPending}>
              <CheckIcon aria-hidden /> It is live
            </Button>
          </form>
          <ConfirmAction
            trigger={
              <Button type="button" size="sm" variant="outline">
                <SendIcon aria-hidden /> Send it again
              </Button>
            }
            title={`Send it again to ${account}?`}
            description={`Only if the post is not on ${network}: if it is there after all, it will appear twice.`}
            confirmLabel="Send it again"
            onConfirm={onSendAgain}
          />
        </div>
      ) : (
        <p className="text-xs text-muted-foreground">Someone who may publish posts can mark it live or send it again.</p>
      )}
    </div>
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
      {latest?.state === "SENT" && latest.error ? (
        <p className="text-xs text-muted-foreground" data-testid="checking-network">
          No answer from {NETWORK_NAMES[target.socialAccount.network]} yet: we are checking whether it went out before doing anything else.
        </p>
      ) : null}
      {latest?.state === "VERIFIED" && latest.errorCode === CONFIRMED_LIVE_BY_USER ? <p className="text-xs text-muted-foreground">Marked live by your team after checking {NETWORK_NAMES[target.socialAccount.network]}.</p> : null}
      {target.status === "OUTCOME_UNKNOWN" ? <UnconfirmedTarget target={target} reason={latest?.state === "OUTCOME_UNKNOWN" ? latest.error : null} canDecide={canRetry} /> : null}
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

/** Where the post is on each account, and what to do about a failure or an outcome nobody could confirm. */
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
              : post.status === "OUTCOME_UNKNOWN"
                ? "We couldn't confirm that every account got it. Check below and tell us what you find."
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
