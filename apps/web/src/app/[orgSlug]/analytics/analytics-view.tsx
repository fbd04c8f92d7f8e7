"use client";

import { Suspense, useState, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ChartColumnIcon, DownloadIcon, ExternalLinkIcon, LockIcon, TrendingDownIcon, TrendingUpIcon } from "lucide-react";
import { toast } from "sonner";
import type { AppRouter } from "@mg/api";
import { describeRolesWith, ROLE_LABELS } from "@mg/api/rbac";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { cn } from "@mg/ui/lib/utils";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { TimeSeriesChart, type ChartDatum, type ChartSeries } from "~/components/charts/time-series-chart";
import { NetworkIcon, networkLabel } from "~/components/network-icon";
import { downloadTextFile } from "~/lib/download";
import { apiError } from "~/lib/errors";
import { formatInZone } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { formatIsoDate } from "../campaigns/dates";

type Outputs = inferRouterOutputs<AppRouter>;
type OverviewRow = Outputs["analytics"]["overview"]["accounts"][number];
type Dropped = OverviewRow["dropped"];

const RANGES = [7, 30, 90] as const;
const WHOLE = new Intl.NumberFormat("en");
const COMPACT = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 2 });
const fmt = (n: number) => WHOLE.format(n);
const pct = (n: number) => PERCENT.format(n);

/** Search-parameter state (`?days=`, `?account=`, `?post=`) so a chart can be linked to. */
function useParamState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const daysParam = Number(params.get("days"));
  const days = (RANGES as readonly number[]).includes(daysParam) ? daysParam : 30;
  return { days, account: params.get("account"), post: params.get("post"), set };
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  return (
    <div className="grid gap-1 rounded-xl border bg-card p-4 shadow-sm" data-testid="analytics-stat">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

const DROP_LABELS: [keyof Dropped, string][] = [
  ["impressions", "impressions"],
  ["reach", "reach"],
  ["likes", "likes"],
  ["comments", "comments"],
  ["shares", "shares"],
  ["clicks", "clicks"],
];

/** "impressions down by 100, likes down by 10": how far the network's counters fell (positive numbers). */
function droppedText(dropped: Dropped): string {
  return DROP_LABELS.filter(([key]) => dropped[key] > 0)
    .map(([key, label]) => `${label} down by ${fmt(dropped[key])}`)
    .join(", ");
}

/**
 * The periods in which a network reported less than before (a reset, a recount, a deleted post).
 * They count as 0 in the charts and totals; this says so in words (role="note": it is part of the
 * page, not a live announcement), so the marker never depends on colour alone.
 */
function CounterDrops({ items, testId }: { items: { key: string; when: string; dropped: Dropped }[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <Alert variant="warning" role="note" data-testid={testId}>
      <AlertTitle>Counter went down on the network: reset or deleted post</AlertTitle>
      <AlertDescription>
        <p>The network reported less than at the reading before. Those readings count as 0 here; nothing is subtracted.</p>
        <ul className="list-disc pl-4">
          {items.map((item) => (
            <li key={item.key}>
              {item.when}: {droppedText(item.dropped) || "a counter went down"}
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

function Change({ value }: { value: number | null }) {
  if (value === null || value === 0) return null;
  const up = value > 0;
  const Icon = up ? TrendingUpIcon : TrendingDownIcon;
  return (
    <span className={cn("inline-flex items-center gap-0.5 text-xs tabular-nums", up ? "text-success" : "text-destructive")}>
      <Icon className="size-3" aria-hidden />
      {up ? "+" : "−"}
      {fmt(Math.abs(value))}
    </span>
  );
}

function AccountChart({ accounts, accountId, days, onAccount }: { accounts: OverviewRow[]; accountId: string | null; days: number; onAccount: (id: string) => void }) {
  const trpc = useTRPC();
  const [view, setView] = useState<"followers" | "impressions" | "engagement">("engagement");
  const selected = accounts.find((a) => a.account.id === accountId) ?? accounts[0];
  const metrics = useQuery({ ...trpc.analytics.accountMetrics.queryOptions({ accountId: selected?.account.id ?? "", days }), enabled: Boolean(selected) });
  if (!selected) return null;

  const data: ChartDatum[] = (metrics.data?.series ?? []).map((d) => ({ day: d.day, followers: d.followers, impressions: d.impressions, engagements: d.engagements, engagementRate: d.impressions > 0 ? d.engagementRate : null }));
  const series: ChartSeries[] =
    view === "followers"
      ? [{ key: "followers", label: "Followers", kind: "area" }]
      : view === "impressions"
        ? [{ key: "impressions", label: "Impressions", kind: "bar" }]
        : [
            { key: "engagements", label: "Engagements", kind: "bar" },
            { key: "engagementRate", label: "Engagement rate", kind: "line", rightAxis: true, color: "var(--chart-5)" },
          ];
  const totals = metrics.data?.totals;

  return (
    <Card data-testid="account-chart">
      <CardHeader>
        <CardTitle as="h2">Per account</CardTitle>
        <CardDescription>What the account’s posts gained each day (UTC days), last {days} days; followers as counted that day.</CardDescription>
        <CardAction>
          <Select value={selected.account.id} onValueChange={onAccount}>
            <SelectTrigger className="w-48 sm:w-60" aria-label="Account">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {accounts.map((row) => (
                <SelectItem key={row.account.id} value={row.account.id}>
                  <NetworkIcon network={row.account.network} size="sm" /> {row.account.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        <SegmentedControl
          label="Chart"
          value={view}
          onValueChange={setView}
          options={[
            { value: "engagement", label: "Engagement" },
            { value: "impressions", label: "Impressions" },
            { value: "followers", label: "Followers" },
          ]}
        />
        {metrics.isPending ? (
          <Skeleton className="h-64" />
        ) : metrics.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{apiError(metrics.error).message}</AlertDescription>
          </Alert>
        ) : (
          <>
            {totals ? (
              <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
                <div>
                  <dt className="text-muted-foreground">Impressions</dt>
                  <dd className="font-semibold tabular-nums">{fmt(totals.impressions)}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Engagements</dt>
                  <dd className="font-semibold tabular-nums">{fmt(totals.engagements)}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Engagement rate</dt>
                  <dd className="font-semibold tabular-nums">{pct(totals.engagementRate)}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Followers</dt>
                  <dd className="flex items-center gap-2 font-semibold tabular-nums">
                    {totals.followers === null ? "—" : fmt(totals.followers)} <Change value={totals.followersChange} />
                  </dd>
                </div>
              </dl>
            ) : null}
            {view === "followers" && data.every((d) => d.followers === null) ? (
              <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">No follower counts yet. They are collected once a day.</p>
            ) : (
              <TimeSeriesChart
                data={data}
                xKey="day"
                series={series}
                title={`${selected.account.name}: ${view} per day`}
                formatX={(day) => formatIsoDate(day, { short: true })}
                formatValue={fmt}
                formatRight={pct}
              />
            )}
            <CounterDrops
              testId="account-counter-drops"
              items={(metrics.data?.series ?? []).filter((d) => d.decreases > 0).map((d) => ({ key: d.day, when: formatIsoDate(d.day, { short: true }), dropped: d.dropped }))}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function PostChart({ postId, onPost }: { postId: string | null; onPost: (id: string) => void }) {
  const trpc = useTRPC();
  const { org } = useOrg();
  const [metric, setMetric] = useState<"impressions" | "engagements" | "engagementRate">("impressions");
  const recent = useQuery(trpc.posts.search.queryOptions({ statuses: ["PUBLISHED", "PARTIAL"], limit: 50 }));
  const choices = recent.data?.items ?? [];
  const chosenId = postId ?? choices[0]?.id ?? null;
  const metrics = useQuery({ ...trpc.analytics.postMetrics.queryOptions({ postId: chosenId ?? "" }), enabled: Boolean(chosenId) });
  const inList = choices.some((p) => p.id === chosenId);

  const hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: org.timezone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const targets = metrics.data?.targets ?? [];
  const rows = new Map<string, ChartDatum>();
  for (const target of targets) {
    for (const point of target.series) {
      const key = point.periodStart.toISOString();
      const row = rows.get(key) ?? { period: key };
      // A rate for an hour without impressions is not 0 %, it is undefined: leave a gap.
      row[target.targetId] = metric === "engagementRate" && point.impressions === 0 ? null : point[metric];
      rows.set(key, row);
    }
  }
  const data = [...rows.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  const series: ChartSeries[] = targets.map((t) => ({ key: t.targetId, label: `${t.accountName} (${networkLabel(t.network)})`, kind: metric === "engagementRate" ? "line" : targets.length > 1 ? "line" : "bar", rightAxis: metric === "engagementRate" }));
  const totals = metrics.data?.totals;

  return (
    <Card data-testid="post-chart">
      <CardHeader>
        <CardTitle as="h2">Per post</CardTitle>
        <CardDescription>What each hourly reading added since the one before, per account the post went to. Times in {org.timezone}.</CardDescription>
        <CardAction>
          {choices.length > 0 || chosenId ? (
            <Select value={chosenId ?? undefined} onValueChange={onPost}>
              <SelectTrigger className="w-48 sm:w-72" aria-label="Post">
                <SelectValue placeholder="Choose a post" />
              </SelectTrigger>
              <SelectContent>
                {chosenId && !inList ? <SelectItem value={chosenId}>The linked post</SelectItem> : null}
                {choices.map((post) => (
                  <SelectItem key={post.id} value={post.id}>
                    <span className="max-w-64 truncate">{post.content.slice(0, 60) || "No text"}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          ) : null}
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!chosenId ? (
          recent.isPending ? (
            <Skeleton className="h-64" />
          ) : (
            <EmptyState icon={<ChartColumnIcon />} titleAs="h3" title="No published posts yet" description="Once a post is published, its numbers are collected every hour and charted here." className="border-0" />
          )
        ) : metrics.isPending ? (
          <Skeleton className="h-64" />
        ) : metrics.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{metrics.error.data?.code === "NOT_FOUND" ? "This post does not exist in this organization." : apiError(metrics.error).message}</AlertDescription>
          </Alert>
        ) : (
          <>
            {totals ? (
              <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
                {(
                  [
                    ["Impressions", fmt(totals.impressions)],
                    ["Reach", fmt(totals.reach)],
                    ["Likes", fmt(totals.likes)],
                    ["Comments", fmt(totals.comments)],
                    ["Shares", fmt(totals.shares)],
                    ["Clicks", fmt(totals.clicks)],
                    ["Engagement rate", pct(totals.engagementRate)],
                  ] as const
                ).map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-muted-foreground">{label}</dt>
                    <dd className="font-semibold tabular-nums">{value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <SegmentedControl
              label="Metric"
              value={metric}
              onValueChange={setMetric}
              options={[
                { value: "impressions", label: "Impressions" },
                { value: "engagements", label: "Engagements" },
                { value: "engagementRate", label: "Engagement rate" },
              ]}
            />
            {data.length === 0 ? (
              <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">No numbers yet. The first ones arrive within an hour of publishing.</p>
            ) : (
              <TimeSeriesChart data={data} xKey="period" series={series} title={`Post ${metric} per hour`} formatX={(iso) => hourFormat.format(new Date(iso))} formatValue={fmt} formatRight={pct} />
            )}
            <CounterDrops
              testId="post-counter-drops"
              items={targets.flatMap((t) =>
                t.series
                  .filter((p) => p.decreases > 0)
                  .map((p) => ({ key: `${t.targetId}:${p.periodStart.toISOString()}`, when: `${hourFormat.format(p.periodStart)}, ${t.accountName}`, dropped: p.dropped })),
              )}
            />
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Account</TableHead>
                    <TableHead className="text-right">Impressions</TableHead>
                    <TableHead className="text-right">Engagements</TableHead>
                    <TableHead className="text-right">Rate</TableHead>
                    <TableHead className="hidden text-right sm:table-cell">Updated</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {targets.map((t) => (
                    <TableRow key={t.targetId}>
                      <TableCell>
                        <span className="flex items-center gap-2">
                          <NetworkIcon network={t.network} size="sm" label />
                          <span className="truncate">{t.accountName}</span>
                          {t.externalUrl ? (
                            <a href={t.externalUrl} target="_blank" rel="noreferrer" className="text-muted-foreground hover:text-foreground" aria-label={`View on ${networkLabel(t.network)}`}>
                              <ExternalLinkIcon className="size-3.5" aria-hidden />
                            </a>
                          ) : null}
                        </span>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{fmt(t.totals.impressions)}</TableCell>
                      <TableCell className="text-right tabular-nums">{fmt(t.totals.engagements)}</TableCell>
                      <TableCell className="text-right tabular-nums">{pct(t.totals.engagementRate)}</TableCell>
                      <TableCell className="hidden text-right text-muted-foreground sm:table-cell">{t.lastFetchedPeriod ? formatInZone(t.lastFetchedPeriod, org.timezone) : "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** The organization's post metrics as a CSV file, written by the API (formula cells inert). */
function ExportButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.analytics.export.queryOptions({}), staleTime: 0 }),
    onSuccess: (file) => {
      downloadTextFile(file.fileName, file.csv);
      toast.success(file.rowCount === 1 ? "Exported 1 post." : `Exported ${file.rowCount} posts.`);
    },
    onError: (error) => toast.error(apiError(error).message),
  });
  return (
    <Button variant="outline" onClick={() => download.mutate()} disabled={download.isPending} data-testid="analytics-export">
      <DownloadIcon aria-hidden /> {download.isPending ? "Exporting…" : "Export CSV"}
    </Button>
  );
}

/** Shown instead of the per-account and per-post charts to roles without detailed analytics. */
function DetailLocked() {
  const { role } = useOrg();
  return (
    <Card data-testid="analytics-detail-locked">
      <CardContent>
        <EmptyState
          icon={<LockIcon />}
          titleAs="h2"
          title="Per-account and per-post numbers"
          description={`Detailed analytics are for ${describeRolesWith("analytics.view_detailed")}. Your role (${ROLE_LABELS[role]}) sees the overview above.`}
          className="border-0"
        />
      </CardContent>
    </Card>
  );
}

function AnalyticsBody() {
  const trpc = useTRPC();
  const { org, can } = useOrg();
  const { days, account, post, set } = useParamState();
  const overview = useQuery(trpc.analytics.overview.queryOptions({ days }));
  const data = overview.data;
  const detailed = can("analytics.view_detailed");

  return (
    <div className="grid gap-8">
      <PageHeader
        title="Analytics"
        description={`What ${org.name}’s posts gained in the period: each hourly reading counts what it added since the one before.`}
        actions={
          <>
            {can("analytics.export") ? <ExportButton /> : null}
            <Select value={String(days)} onValueChange={(v) => set({ days: v === "30" ? null : v })}>
              <SelectTrigger className="w-40" aria-label="Time range">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {RANGES.map((d) => (
                  <SelectItem key={d} value={String(d)}>
                    Last {d} days
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </>
        }
      />

      {overview.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" role="status" aria-busy aria-label="Loading analytics">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-24 rounded-xl" />
          ))}
        </div>
      ) : overview.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(overview.error).message}</AlertDescription>
        </Alert>
      ) : data ? (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="analytics-totals">
            <Stat label="Posts published" value={fmt(data.totals.posts)} hint={`in the last ${data.days} days`} />
            <Stat label="Impressions" value={COMPACT.format(data.totals.impressions)} hint={`Reach ${COMPACT.format(data.totals.reach)}`} />
            <Stat label="Engagements" value={COMPACT.format(data.totals.engagements)} hint={`${fmt(data.totals.likes)} likes · ${fmt(data.totals.comments)} comments · ${fmt(data.totals.shares)} shares · ${fmt(data.totals.clicks)} clicks`} />
            <Stat label="Engagement rate" value={pct(data.totals.engagementRate)} hint="Engagements per impression" />
          </dl>
          {data.totals.decreases > 0 ? (
            <Alert variant="warning" role="note" data-testid="analytics-counter-drops">
              <AlertTitle>Counter went down on the network: reset or deleted post</AlertTitle>
              <AlertDescription>
                <p>
                  {data.totals.decreases === 1 ? "Once" : `${fmt(data.totals.decreases)} times`} in the last {data.days} days a network reported less than at the reading before ({droppedText(data.totals.dropped) || "a counter went down"}). Those readings count as 0;
                  nothing is subtracted. The accounts marked below are where it happened.
                </p>
              </AlertDescription>
            </Alert>
          ) : null}

          <Card className="gap-0 py-0">
            <CardHeader className="border-b py-5">
              <CardTitle as="h2">Accounts</CardTitle>
              <CardDescription>Posts published in the period, and what all of the account’s posts gained in it.</CardDescription>
            </CardHeader>
            {data.accounts.length === 0 ? (
              <CardContent className="py-6">
                <EmptyState icon={<ChartColumnIcon />} titleAs="h3" title="No accounts yet" description="Connect an account and publish a post to see numbers here." className="border-0 p-2" />
              </CardContent>
            ) : (
              <div className="overflow-x-auto">
                <Table data-testid="analytics-accounts">
                  <TableHeader>
                    <TableRow>
                      <TableHead className="pl-6">Account</TableHead>
                      <TableHead className="text-right">Posts</TableHead>
                      <TableHead className="text-right">Impressions</TableHead>
                      <TableHead className="hidden text-right md:table-cell">Engagements</TableHead>
                      <TableHead className="text-right">Engagement rate</TableHead>
                      <TableHead className="hidden text-right lg:table-cell">Followers</TableHead>
                      {detailed ? (
                        <TableHead className="pr-6 text-right">
                          <span className="sr-only">Chart</span>
                        </TableHead>
                      ) : null}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.accounts.map((row) => (
                      <TableRow key={row.account.id} data-state={account === row.account.id ? "selected" : undefined}>
                        <TableCell className="pl-6">
                          <span className="flex min-w-0 items-center gap-2">
                            <NetworkIcon network={row.account.network} size="sm" label />
                            <span className="truncate font-medium">{row.account.name}</span>
                            {row.account.status === "DISCONNECTED" ? <span className="text-xs text-muted-foreground">(disconnected)</span> : null}
                            {row.decreases > 0 ? <span className="text-xs font-medium whitespace-nowrap text-warning">counter went down</span> : null}
                          </span>
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{fmt(row.posts)}</TableCell>
                        <TableCell className="text-right tabular-nums">{fmt(row.impressions)}</TableCell>
                        <TableCell className="hidden text-right tabular-nums md:table-cell">{fmt(row.engagements)}</TableCell>
                        <TableCell className="text-right tabular-nums">{pct(row.engagementRate)}</TableCell>
                        <TableCell className="hidden text-right tabular-nums lg:table-cell">
                          <span className="inline-flex items-center gap-2">
                            {row.followers === null ? "—" : fmt(row.followers)} <Change value={row.followersChange} />
                          </span>
                        </TableCell>
                        {detailed ? (
                          <TableCell className="pr-6 text-right">
                            <Button variant="ghost" size="sm" onClick={() => set({ account: row.account.id })} aria-label={`Show chart for ${row.account.name}`} aria-pressed={account === row.account.id}>
                              <ChartColumnIcon aria-hidden /> <span className="hidden sm:inline">Chart</span>
                            </Button>
                          </TableCell>
                        ) : null}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </Card>

          {detailed && data.accounts.length > 0 ? <AccountChart accounts={data.accounts} accountId={account} days={days} onAccount={(id) => set({ account: id })} /> : null}
        </>
      ) : null}

      {detailed ? <PostChart postId={post} onPost={(id) => set({ post: id })} /> : <DetailLocked />}
    </div>
  );
}

export function AnalyticsView() {
  return (
    <Suspense fallback={<Skeleton className="h-96 rounded-xl" />}>
      <AnalyticsBody />
    </Suspense>
  );
}
