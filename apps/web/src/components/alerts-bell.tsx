"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { BellIcon, CheckCheckIcon, CheckIcon, CircleHelpIcon, CircleXIcon, ClockAlertIcon, GaugeIcon, ListTodoIcon, PlugZapIcon, TrophyIcon, type LucideIcon } from "lucide-react";
import { toast } from "sonner";
import type { AppRouter } from "@mg/api";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { cn } from "@mg/ui/lib/utils";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@mg/ui/sheet";
import { Skeleton } from "@mg/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@mg/ui/tabs";
import { apiError } from "~/lib/errors";
import { formatRelative } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { postPath } from "~/app/[orgSlug]/campaigns/post-status";

type AlertRow = inferRouterOutputs<AppRouter>["alerts"]["list"]["items"][number];

const KIND: Record<string, { icon: LucideIcon; tone: string; label: string }> = {
  POST_MISSED: { icon: ClockAlertIcon, tone: "text-warning bg-warning/10", label: "Missed post" },
  PUBLISH_FAILED: { icon: CircleXIcon, tone: "text-destructive bg-destructive/10", label: "Publishing failed" },
  PUBLISH_UNCONFIRMED: { icon: CircleHelpIcon, tone: "text-warning bg-warning/10", label: "Not confirmed" },
  ACCOUNT_RECONNECT: { icon: PlugZapIcon, tone: "text-warning bg-warning/10", label: "Reconnect needed" },
  AB_TEST_DECIDED: { icon: TrophyIcon, tone: "text-success bg-success/10", label: "A/B test decided" },
  TASK_DUE: { icon: ListTodoIcon, tone: "text-primary bg-primary/10", label: "Task due" },
  LEAD_QUALIFIED: { icon: GaugeIcon, tone: "text-success bg-success/10", label: "Lead qualified" },
};

/** Where an alert leads: the post, the account to reconnect, the A/B test results, or the tasks. */
export function alertHref(slug: string, alert: Pick<AlertRow, "kind" | "postId" | "socialAccountId">): string | null {
  if (alert.kind === "AB_TEST_DECIDED") return `/${slug}/ab-tests`;
  if (alert.kind === "TASK_DUE") return `/${slug}/tasks`;
  if (alert.kind === "LEAD_QUALIFIED") return `/${slug}/contacts`;
  if (alert.kind === "ACCOUNT_RECONNECT" || (!alert.postId && alert.socialAccountId)) return `/${slug}/accounts${alert.socialAccountId ? `#account-${alert.socialAccountId}` : ""}`;
  if (alert.postId) return postPath(slug, alert.postId);
  return null;
}

function linkLabel(kind: string): string {
  if (kind === "AB_TEST_DECIDED") return "See results";
  if (kind === "ACCOUNT_RECONNECT") return "Reconnect account";
  if (kind === "TASK_DUE") return "Open tasks";
  if (kind === "LEAD_QUALIFIED") return "Open contacts";
  return "Open post";
}

/**
 * The header's bell: unread count on the button, the organization's alerts (missed posts, failed
 * publishes, accounts to reconnect, decided A/B tests) in a side panel. Polls once a minute.
 */
export function AlertsBell({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const list = useQuery(trpc.alerts.list.queryOptions({ unreadOnly: filter === "unread" }, { refetchInterval: 60_000 }));
  // The badge always counts unread alerts, whichever tab is showing.
  const unread = list.data?.unreadCount ?? 0;
  const markRead = useMutation(
    trpc.alerts.markRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.list.pathKey() }),
      onError: (error) => toast.error(apiError(error).message),
    }),
  );

  const items = list.data?.items ?? [];

  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={unread ? `Alerts, ${unread > 99 ? "99+" : unread} unread` : "Alerts"} data-testid="alerts-bell">
          <BellIcon aria-hidden />
          {unread > 0 ? (
            <span
              aria-hidden
              className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[0.625rem] leading-none font-semibold text-destructive-foreground tabular-nums"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </Button>
      </SheetTrigger>
      <SheetContent side="right" className="w-full gap-0 sm:max-w-md" data-testid="alerts-panel">
        <SheetHeader className="border-b pr-12">
          <SheetTitle>Alerts</SheetTitle>
          <SheetDescription>Posts that missed their time or failed, accounts to reconnect, finished A/B tests.</SheetDescription>
          <div className="mt-2 flex items-center justify-between gap-2">
            <Tabs value={filter} onValueChange={(value) => setFilter(value === "unread" ? "unread" : "all")}>
              <TabsList>
                <TabsTrigger value="all">All</TabsTrigger>
                <TabsTrigger value="unread">Unread{unread ? ` (${unread})` : ""}</TabsTrigger>
              </TabsList>
            </Tabs>
            <Button variant="ghost" size="sm" disabled={unread === 0} loading={markRead.isPending && markRead.variables && "all" in markRead.variables} onClick={() => markRead.mutate({ all: true })}>
              <CheckCheckIcon aria-hidden /> Mark all read
            </Button>
          </div>
        </SheetHeader>
        <div className="grid content-start gap-2 p-4" aria-busy={list.isPending || undefined}>
          {list.isPending ? (
            [0, 1, 2].map((i) => <Skeleton key={i} className="h-20 rounded-lg" />)
          ) : list.isError ? (
            <Alert variant="destructive">
              <AlertDescription>{apiError(list.error).message}</AlertDescription>
            </Alert>
          ) : items.length === 0 ? (
            <EmptyState icon={<BellIcon />} titleAs="h3" title={filter === "unread" ? "You’re all caught up" : "No alerts yet"} description="When a post misses its time, fails to publish or an account needs reconnecting, you’ll see it here." className="border-0" />
          ) : (
            <ul className="grid gap-2" aria-label="Alerts">
              {items.map((alert) => {
                const kind = KIND[alert.kind] ?? { icon: BellIcon, tone: "text-muted-foreground bg-muted", label: alert.kind };
                const Icon = kind.icon;
                const href = alertHref(slug, alert);
                const isUnread = !alert.readAt;
                return (
                  <li key={alert.id} className={cn("rounded-lg border p-3", isUnread ? "border-primary/30 bg-primary/5" : "bg-card")} data-testid="alert-item" data-kind={alert.kind} data-unread={isUnread || undefined}>
                    <div className="flex gap-3">
                      <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-full", kind.tone)} aria-hidden>
                        <Icon className="size-4" />
                      </span>
                      <div className="grid min-w-0 flex-1 gap-1">
                        <p className="text-sm font-medium">
                          <span className="sr-only">{kind.label}: </span>
                          {alert.title}
                          {isUnread ? <span className="sr-only"> (unread)</span> : null}
                        </p>
                        <p className="text-sm break-words text-muted-foreground">{alert.body}</p>
                        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 pt-1 text-xs text-muted-foreground">
                          <time dateTime={alert.createdAt.toISOString()} title={alert.createdAt.toLocaleString()}>
                            {formatRelative(alert.createdAt)}
                          </time>
                          {href ? (
                            <Link
                              href={href}
                              className="font-medium text-primary underline-offset-4 hover:underline"
                              onClick={() => {
                                if (isUnread) markRead.mutate({ alertIds: [alert.id] });
                                setOpen(false);
                              }}
                            >
                              {linkLabel(alert.kind)}
                            </Link>
                          ) : null}
                          {isUnread ? (
                            <Button variant="ghost" size="sm" className="ml-auto h-7 px-2" onClick={() => markRead.mutate({ alertIds: [alert.id] })} aria-label={`Mark “${alert.title}” as read`}>
                              <CheckIcon aria-hidden /> Mark read
                            </Button>
                          ) : null}
                        </div>
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}
