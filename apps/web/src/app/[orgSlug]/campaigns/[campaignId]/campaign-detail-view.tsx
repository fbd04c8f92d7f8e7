"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, ArrowLeftIcon, CalendarDaysIcon, FileTextIcon, PencilIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { NetworkIcon } from "~/components/network-icon";
import { Progress } from "~/components/progress";
import { UpgradePrompt } from "~/components/upgrade-prompt";
import { apiError } from "~/lib/errors";
import { formatInZone } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { CampaignDialog } from "../campaign-dialog";
import { useArchiveCampaign } from "../campaigns-view";
import { daysBetween, formatDateRange, useToday } from "../dates";
import { campaignPhase, formatKpi, formatMoney, KPI_LABELS, PHASE_LABEL, type Campaign, type CampaignDetail } from "../kpi";
import { postPath, PostStatusBadge, postStatusLabel } from "../post-status";
import { CampaignLeads } from "./campaign-leads";
import { CampaignMonth } from "./campaign-month";

function KpiCard({ kpi }: { kpi: CampaignDetail["kpiProgress"][number] }) {
  const label = KPI_LABELS[kpi.metric];
  const ratio = kpi.actual !== null && kpi.target > 0 ? kpi.actual / kpi.target : null;
  return (
    <li className="grid gap-2 rounded-lg border bg-card p-4" data-testid="kpi-progress" data-metric={kpi.metric}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        {ratio !== null ? <span className="text-xs text-muted-foreground tabular-nums">{Math.round(ratio * 100)}%</span> : null}
      </div>
      <p className="text-2xl font-semibold tabular-nums">
        {kpi.actual === null ? <span className="text-base font-normal text-muted-foreground">Not measured yet</span> : formatKpi(kpi.metric, kpi.actual, { compact: true })}
        <span className="ml-1 text-sm font-normal text-muted-foreground">/ {formatKpi(kpi.metric, kpi.target, { compact: true })}</span>
      </p>
      {kpi.actual === null ? (
        <p className="text-xs text-muted-foreground">{kpi.metric === "followers" ? "Follower growth is shown per account in Analytics." : "No data yet."}</p>
      ) : (
        <Progress value={Math.min(kpi.actual, kpi.target)} max={kpi.target || 1} label={`${label}: ${formatKpi(kpi.metric, kpi.actual)} of ${formatKpi(kpi.metric, kpi.target)}`} />
      )}
    </li>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-8" role="status" aria-busy aria-label="Loading campaign">
      <div className="grid gap-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-28 rounded-lg" />
        ))}
      </div>
      <Skeleton className="h-80 rounded-xl" />
    </div>
  );
}

export function CampaignDetailView({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const { slug, org, can } = useOrg();
  const canManage = can("campaigns.manage");
  const query = useQuery(trpc.campaigns.get.queryOptions({ campaignId }));
  const socialAccounts = useQuery(trpc.socialAccounts.list.queryOptions());
  const accounts = useMemo(() => new Map((socialAccounts.data ?? []).map((a) => [a.id, { id: a.id, name: a.name, avatarUrl: a.avatarUrl }] as const)), [socialAccounts.data]);
  const today = useToday(org.timezone);
  const [editing, setEditing] = useState(false);
  const { setArchived, pending, upgrade } = useArchiveCampaign();

  const back = (
    <Link href={`/${slug}/campaigns`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" aria-hidden /> Campaigns
    </Link>
  );

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <div className="grid gap-6">
        {back}
        <Alert variant="destructive">
          <AlertDescription>{query.error.data?.code === "NOT_FOUND" ? "This campaign does not exist, or it belongs to another organization." : apiError(query.error).message}</AlertDescription>
        </Alert>
      </div>
    );
  }

  const campaign = query.data;
  const phase = campaignPhase(campaign, today);
  const totalDays = daysBetween(campaign.startsOn, campaign.endsOn) + 1;
  const daysLeft = today && phase === "active" ? daysBetween(today, campaign.endsOn) : null;
  const { totals, byStatus } = campaign.summary;
  const asListItem: Campaign = { ...campaign };

  return (
    <div className="grid gap-8">
      <PageHeader
        eyebrow={back}
        title={
          <span className="inline-flex items-center gap-3">
            <span aria-hidden className="size-3.5 shrink-0 rounded-full" style={{ backgroundColor: campaign.color }} />
            {campaign.name}
          </span>
        }
        description={campaign.goal ?? undefined}
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href={`/${slug}/calendar?campaigns=${campaign.id}`}>
                <CalendarDaysIcon aria-hidden /> Open in calendar
              </Link>
            </Button>
            {canManage ? (
              <>
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <PencilIcon aria-hidden /> Edit
                </Button>
                <Button variant="ghost" loading={pending} onClick={() => void setArchived(campaign, !campaign.archivedAt).then(() => query.refetch())}>
                  {campaign.archivedAt ? <ArchiveRestoreIcon aria-hidden /> : <ArchiveIcon aria-hidden />}
                  {campaign.archivedAt ? "Restore" : "Archive"}
                </Button>
              </>
            ) : null}
          </>
        }
      >
        <div className="flex flex-wrap items-center gap-2 pt-1 text-sm text-muted-foreground">
          {phase ? <Badge variant={phase === "active" ? "success" : "outline"}>{PHASE_LABEL[phase]}</Badge> : null}
          <span>{formatDateRange(campaign.startsOn, campaign.endsOn)}</span>
          <span aria-hidden>·</span>
          <span>
            {totalDays} {totalDays === 1 ? "day" : "days"}
            {daysLeft !== null ? `, ${daysLeft === 0 ? "ends today" : `${daysLeft} left`}` : ""}
          </span>
          {campaign.budgetCents != null ? (
            <>
              <span aria-hidden>·</span>
              <span>Budget {formatMoney(campaign.budgetCents, campaign.currency)}</span>
            </>
          ) : null}
        </div>
      </PageHeader>

      {upgrade?.upgrade ? <UpgradePrompt upgrade={upgrade.upgrade} message={upgrade.message} /> : null}
      {campaign.archivedAt ? (
        <Alert variant="info">
          <AlertDescription>This campaign is archived. Its posts are unchanged; restore it to plan new posts in it.</AlertDescription>
        </Alert>
      ) : null}

      <section aria-labelledby="kpis" className="grid gap-4">
        <h2 id="kpis" className="text-lg font-semibold tracking-tight">
          Targets
        </h2>
        {campaign.kpiProgress.length === 0 ? (
          <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
            No KPI targets set.{canManage ? " Edit the campaign to add the numbers that mean success." : ""}
          </p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {campaign.kpiProgress.map((kpi) => (
              <KpiCard key={kpi.metric} kpi={kpi} />
            ))}
          </ul>
        )}
        <dl className="grid grid-cols-2 gap-4 rounded-lg border bg-card p-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted-foreground">Posts</dt>
            <dd className="text-lg font-semibold tabular-nums">
              {campaign.publishedCount} <span className="text-sm font-normal text-muted-foreground">of {campaign.postCount} published</span>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Impressions</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatKpi("impressions", totals.impressions, { compact: true })}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Engagements</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatKpi("likes", totals.engagements, { compact: true })}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Engagement rate</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatKpi("engagementRate", totals.engagementRate)}</dd>
          </div>
        </dl>
      </section>

      {can("contacts.read") ? <CampaignLeads campaignId={campaignId} /> : null}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Campaign calendar</CardTitle>
          <CardDescription>
            Its posts by day, in {org.timezone}.{" "}
            <Link href={`/${slug}/calendar?campaigns=${campaign.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
              Reschedule in the full calendar
            </Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CampaignMonth slug={slug} posts={campaign.posts} startsOn={campaign.startsOn} endsOn={campaign.endsOn} color={campaign.color} timeZone={org.timezone} today={today} accounts={accounts} />
        </CardContent>
      </Card>

      <Card className="gap-0 py-0">
        <CardHeader className="border-b py-5">
          <CardTitle as="h2">Posts</CardTitle>
          <CardDescription>
            {Object.entries(byStatus)
              .map(([status, n]) => `${n} ${postStatusLabel(status).toLowerCase()}`)
              .join(" · ") || "No posts in this campaign yet."}
          </CardDescription>
        </CardHeader>
        {campaign.posts.length === 0 ? (
          <CardContent className="py-6">
            <EmptyState
              icon={<FileTextIcon />}
              titleAs="h3"
              title="No posts yet"
              description="Choose this campaign when you compose a post, and it shows up here and on the campaign calendar."
              className="border-0 p-2"
              action={
                can("posts.create") ? (
                  <Button asChild>
                    <Link href={`/${slug}/posts/new?campaign=${campaign.id}`}>Write a post</Link>
                  </Button>
                ) : null
              }
            />
          </CardContent>
        ) : (
          <Table data-testid="campaign-posts">
            <TableHeader>
              <TableRow>
                <TableHead className="hidden pl-6 sm:table-cell">When</TableHead>
                <TableHead className="pl-6 sm:pl-2">Post</TableHead>
                <TableHead className="hidden md:table-cell">Accounts</TableHead>
                <TableHead className="pr-6 text-right">Status</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {campaign.posts.map((post) => {
                const when = post.publishedAt ?? post.scheduledAt;
                return (
                  <TableRow key={post.id}>
                    <TableCell className="hidden pl-6 whitespace-nowrap text-muted-foreground sm:table-cell">{when ? formatInZone(when, org.timezone) : "No date"}</TableCell>
                    <TableCell className="w-full max-w-0 pl-6 sm:pl-2">
                      <Link href={postPath(slug, post.id)} className="block truncate font-medium hover:text-primary hover:underline">
                        {post.content || <span className="text-muted-foreground italic">No text</span>}
                      </Link>
                      <span className="text-xs text-muted-foreground sm:hidden">{when ? formatInZone(when, org.timezone) : "No date"}</span>
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      <span className="flex -space-x-1">
                        {post.targets.map((t) => (
                          <NetworkIcon key={t.id} network={t.network} size="sm" label className="ring-2 ring-card" />
                        ))}
                      </span>
                    </TableCell>
                    <TableCell className="pr-6 text-right">
                      <PostStatusBadge status={post.status} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {campaign.postsTruncated ? <p className="border-t px-6 py-3 text-xs text-muted-foreground">Showing the first {campaign.posts.length} posts. Use the calendar to see all of them.</p> : null}
      </Card>

      {canManage ? <CampaignDialog campaign={asListItem} open={editing} onOpenChange={setEditing} /> : null}
    </div>
  );
}
