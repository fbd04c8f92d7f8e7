"use client";

import { useState, useSyncExternalStore } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, BellIcon, BriefcaseBusinessIcon, CalendarClockIcon, CheckCircle2Icon, CircleIcon, PlusIcon, Share2Icon, SparklesIcon, UsersIcon } from "lucide-react";
import { QUOTA_LABELS } from "@mg/api/plans";
import type { Permission } from "@mg/api/rbac";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { Skeleton } from "@mg/ui/skeleton";
import { PlanBadge } from "~/components/plan-badge";
import { Progress } from "~/components/progress";
import { RoleBadge } from "~/components/role-badge";
import { alertHref } from "~/components/alerts-bell";
import { formatInZone, formatRelative } from "~/lib/format";
import type { RouterOutputs } from "~/components/posts/types";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "./org-context";

type GettingStartedAction = RouterOutputs["organization"]["gettingStarted"]["steps"][number]["action"];

function greeting(timeZone: string): string {
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone }).format(new Date()));
  if (hour < 5) return "Working late";
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
}

function subscribeMinutes(onChange: () => void) {
  const timer = setInterval(onChange, 60_000);
  return () => clearInterval(timer);
}

const STEP_LINKS: Record<GettingStartedAction, { path: string; permission: Permission; label: string }> = {
  accounts: { path: "accounts", permission: "accounts.manage", label: "Connect an account" },
  settings: { path: "settings", permission: "settings.update", label: "Open settings" },
  members: { path: "members", permission: "users.invite", label: "Invite someone" },
  compose: { path: "posts/new", permission: "posts.create", label: "Write a post" },
};

/** Each step as the organization's state has it (organization.gettingStarted), with a way to do it when the viewer may. */
function OnboardingCard() {
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const checklist = useQuery(trpc.organization.gettingStarted.queryOptions());
  const data = checklist.data;
  return (
    <Card data-testid="onboarding-checklist">
      <CardHeader>
        <CardTitle as="h2">Getting started</CardTitle>
        <CardDescription>{data ? (data.done === data.total ? "All done — nice work." : `${data.done} of ${data.total} done`) : "Checking your setup…"}</CardDescription>
        {data ? (
          <CardAction>
            <span className="text-2xl font-semibold tabular-nums">{Math.round((data.done / data.total) * 100)}%</span>
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {checklist.isPending ? (
          <div className="grid gap-2.5" role="status" aria-busy aria-label="Loading the checklist">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </div>
        ) : checklist.isError ? (
          <p className="text-sm text-destructive">Could not load the checklist.</p>
        ) : (
          <>
            <Progress value={checklist.data.done} max={checklist.data.total} label="Onboarding progress" />
            <ul className="grid gap-3">
              {checklist.data.steps.map((step) => {
                const link = STEP_LINKS[step.action];
                return (
                  <li key={step.key} className="flex items-start gap-3 text-sm" data-testid="onboarding-step" data-step={step.key} data-done={step.done || undefined}>
                    {step.done ? <CheckCircle2Icon className="mt-0.5 size-5 shrink-0 text-success" aria-hidden /> : <CircleIcon className="mt-0.5 size-5 shrink-0 text-muted-foreground/50" aria-hidden />}
                    <div className="grid min-w-0 flex-1 gap-0.5">
                      <span className={step.done ? "text-muted-foreground" : "font-medium"}>
                        {step.title}
                        <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
                      </span>
                      <span className="text-xs text-muted-foreground">{step.detail}</span>
                    </div>
                    {!step.done && can(link.permission) ? (
                      <Link href={`/${slug}/${link.path}`} className="shrink-0 text-xs font-medium text-primary underline-offset-4 hover:underline">
                        {link.label}
                      </Link>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function UsageCard() {
  const { current, isAgency } = useOrg();
  const rows = current.usage.filter((row) => isAgency || row.quota !== "clientOrganizations");
  return (
    <Card data-testid="plan-usage">
      <CardHeader>
        <CardTitle as="h2">Plan usage</CardTitle>
        <CardDescription>{current.plan.name} plan</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {rows.map((row) => {
          const ratio = row.limit ? row.used / row.limit : 0;
          return (
            <div key={row.quota} className="grid gap-2">
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{QUOTA_LABELS[row.quota]}</span>
                <span className="text-muted-foreground tabular-nums">
                  {row.used} / {row.limit === null ? "Unlimited" : row.limit}
                </span>
              </div>
              {row.limit === null ? (
                <div className="h-2 rounded-full bg-muted" aria-hidden />
              ) : (
                <Progress value={row.used} max={row.limit} label={`${QUOTA_LABELS[row.quota]} used`} tone={ratio >= 1 ? "destructive" : ratio >= 0.8 ? "warning" : "primary"} />
              )}
            </div>
          );
        })}
      </CardContent>
    </Card>
  );
}

function ClientsOverview() {
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const clients = useQuery(trpc.organization.listClients.queryOptions());
  return (
    <section aria-labelledby="all-clients" className="grid gap-4">
      <div className="flex items-center justify-between gap-4">
        <h2 id="all-clients" className="text-lg font-semibold tracking-tight">
          All clients
        </h2>
        <Button variant="ghost" size="sm" asChild>
          <Link href={`/${slug}/clients`}>
            Manage clients <ArrowRightIcon aria-hidden />
          </Link>
        </Button>
      </div>
      {clients.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-36 rounded-xl" />
          ))}
        </div>
      ) : clients.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load your clients.</AlertDescription>
        </Alert>
      ) : clients.data.clients.length === 0 ? (
        <EmptyState
          icon={<BriefcaseBusinessIcon />}
          titleAs="h3"
          title="No clients yet"
          description="Each client gets its own organization: separate posts, leads and data, one login for your team."
          action={
            can("clients.create") ? (
              <Button asChild>
                <Link href={`/${slug}/clients?new=1`}>
                  <PlusIcon aria-hidden /> Add your first client
                </Link>
              </Button>
            ) : null
          }
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="client-cards">
          {clients.data.clients.map((client) => (
            <li key={client.id}>
              <Link
                href={`/${client.slug}`}
                className="group flex h-full flex-col gap-4 rounded-xl border bg-card p-5 shadow-sm transition-[border-color,box-shadow] outline-none hover:border-primary/40 hover:shadow-md focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="truncate font-semibold group-hover:text-primary">{client.name}</p>
                    <p className="truncate text-xs text-muted-foreground">{client.industry ?? client.timezone}</p>
                  </div>
                  <PlanBadge plan={client.plan} status={client.status} />
                </div>
                <div className="grid gap-1.5">
                  <div className="flex justify-between text-xs text-muted-foreground">
                    <span>Onboarding</span>
                    <span className="tabular-nums">
                      {client.onboarding.done}/{client.onboarding.total}
                    </span>
                  </div>
                  <Progress value={client.onboarding.done} max={client.onboarding.total || 1} label={`${client.name} onboarding`} />
                </div>
                <div className="mt-auto flex items-center justify-between text-xs text-muted-foreground">
                  <span className="inline-flex items-center gap-1">
                    <UsersIcon className="size-3.5" aria-hidden /> {client.directMembers} direct
                  </span>
                  <span>{client.lastActivity ? `Active ${formatRelative(client.lastActivity.createdAt)}` : "No activity yet"}</span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const UPCOMING_DAYS = 7;

/** Publishing at a glance: what goes out this week, accounts that need a hand, unread alerts. */
function PublishingOverview() {
  const trpc = useTRPC();
  const { slug, org } = useOrg();
  // The window is fixed when the dashboard opens; a refetch on focus keeps the count fresh.
  const [range] = useState(() => {
    const from = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    return { from, to: new Date(from.getTime() + UPCOMING_DAYS * 86_400_000) };
  });
  const upcoming = useQuery(trpc.posts.list.queryOptions({ ...range, statuses: ["SCHEDULED"] }));
  const accounts = useQuery(trpc.socialAccounts.list.queryOptions());
  const alerts = useQuery(trpc.alerts.list.queryOptions({ unreadOnly: true }, { refetchInterval: 60_000 }));

  const next = upcoming.data?.[0];
  const connected = accounts.data?.filter((a) => a.status !== "DISCONNECTED") ?? [];
  const attention = connected.filter((a) => a.status === "NEEDS_RECONNECT" || a.reconnectSoon).length;
  const tile = "grid content-start gap-1 rounded-lg border bg-card p-4";

  return (
    <section aria-labelledby="publishing-overview" className="grid gap-4" data-testid="publishing-overview">
      <div className="flex items-center justify-between gap-4">
        <h2 id="publishing-overview" className="text-lg font-semibold tracking-tight">
          Publishing
        </h2>
        <Button variant="ghost" size="sm" asChild>
          <Link href={`/${slug}/calendar`}>
            Open calendar <ArrowRightIcon aria-hidden />
          </Link>
        </Button>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className={tile} data-testid="upcoming-posts">
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <CalendarClockIcon className="size-4" aria-hidden /> Next {UPCOMING_DAYS} days
          </p>
          {upcoming.isPending ? (
            <Skeleton className="h-8 w-16" />
          ) : upcoming.isError ? (
            <p className="text-sm text-destructive">Could not load posts.</p>
          ) : (
            <>
              <p className="text-2xl font-semibold tabular-nums">
                {upcoming.data.length} <span className="text-sm font-normal text-muted-foreground">scheduled {upcoming.data.length === 1 ? "post" : "posts"}</span>
              </p>
              <p className="text-xs text-muted-foreground">{next?.scheduledAt ? `Next: ${formatInZone(next.scheduledAt, org.timezone)}` : "Nothing scheduled this week."}</p>
            </>
          )}
        </div>
        <Link href={`/${slug}/accounts`} className={`${tile} outline-none hover:border-primary/40 focus-visible:ring-[3px] focus-visible:ring-ring/50`} data-testid="connected-accounts">
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Share2Icon className="size-4" aria-hidden /> Social accounts
          </p>
          {accounts.isPending ? (
            <Skeleton className="h-8 w-16" />
          ) : (
            <>
              <p className="text-2xl font-semibold tabular-nums">
                {connected.length} <span className="text-sm font-normal text-muted-foreground">connected</span>
              </p>
              <p className={attention ? "text-xs font-medium text-warning" : "text-xs text-muted-foreground"}>
                {attention ? `${attention} ${attention === 1 ? "needs" : "need"} reconnecting` : connected.length ? "All working" : "Connect one to start publishing"}
              </p>
            </>
          )}
        </Link>
        <div className={tile} data-testid="dashboard-alerts">
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <BellIcon className="size-4" aria-hidden /> Unread alerts
          </p>
          {alerts.isPending ? (
            <Skeleton className="h-8 w-16" />
          ) : (
            <>
              <p className="text-2xl font-semibold tabular-nums">{alerts.data?.unreadCount ?? 0}</p>
              <ul className="grid gap-0.5 text-xs">
                {(alerts.data?.items ?? []).slice(0, 2).map((alert) => {
                  const href = alertHref(slug, alert);
                  return (
                    <li key={alert.id} className="truncate">
                      {href ? (
                        <Link href={href} className="text-primary underline-offset-4 hover:underline">
                          {alert.title}
                        </Link>
                      ) : (
                        alert.title
                      )}
                    </li>
                  );
                })}
                {alerts.data?.unreadCount === 0 ? <li className="text-muted-foreground">Nothing needs your attention.</li> : null}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

/**
 * This organization's late background work, in the customer's words ("2 invitation emails are
 * delayed"), only while something is late. How the installation runs its jobs is the operators'
 * business (the platform status page), never shown here.
 */
function DelayedWorkNotice() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.organization.jobStatus.queryOptions(undefined, { refetchInterval: 30_000 }));
  if (!data || data.delayed.length === 0) return null;
  return (
    <Alert variant="warning" data-testid="delayed-work-notice">
      <AlertTitle>Some work is running late</AlertTitle>
      <AlertDescription>
        <ul className="list-disc pl-5">
          {data.delayed.map((item) => (
            <li key={item.kind} data-kind={item.kind}>
              {item.message}.
            </li>
          ))}
        </ul>
        <p>Nothing is lost: it goes out as soon as it can. There is nothing you need to do.</p>
      </AlertDescription>
    </Alert>
  );
}

export function Dashboard() {
  const { org, current, user, role, isAgency, can } = useOrg();
  const firstName = user.name?.split(" ")[0];
  // Time-of-day depends on the clock: read after hydration so server and client always agree.
  const hello = useSyncExternalStore(subscribeMinutes, () => greeting(org.timezone), () => "Welcome back");
  return (
    <div className="grid gap-8">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1.5">
          <p className="text-sm text-muted-foreground">
            {hello}
            {firstName ? `, ${firstName}` : ""}
          </p>
          <h1 className="text-3xl font-semibold tracking-tight" data-testid="org-name-heading">
            {org.name}
          </h1>
          <div className="flex flex-wrap items-center gap-2">
            <PlanBadge plan={org.plan} status={org.status} trialEndsAt={org.trialEndsAt} />
            <RoleBadge role={role} />
            {isAgency ? <Badge variant="outline">Agency</Badge> : null}
          </div>
        </div>
      </div>

      {current.parent ? (
        <Alert variant="info" data-testid="managed-by" icon={<SparklesIcon aria-hidden />}>
          <AlertTitle>Managed by {current.parent.name}</AlertTitle>
          <AlertDescription>
            <p>
              {current.via === "agency" ? "You have access through the agency." : "Your agency team can see and help with everything here."}{" "}
              {current.via === "agency" ? (
                <Link href={`/${current.parent.slug}`} className="font-medium text-primary underline-offset-4 hover:underline">
                  Back to {current.parent.name}
                </Link>
              ) : null}
            </p>
          </AlertDescription>
        </Alert>
      ) : null}

      {can("settings.read") ? <DelayedWorkNotice /> : null}

      {can("posts.read") ? <PublishingOverview /> : null}

      {isAgency && can("clients.read") ? <ClientsOverview /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <OnboardingCard />
        <UsageCard />
      </div>
    </div>
  );
}
