"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, MegaphoneIcon, MoreHorizontalIcon, PencilIcon, PlusIcon, TargetIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { EmptyState } from "@mg/ui/empty-state";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Switch } from "@mg/ui/switch";
import { UpgradePrompt } from "~/components/upgrade-prompt";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { CampaignDialog } from "./campaign-dialog";
import { formatDateRange, useToday } from "./dates";
import { campaignPhase, formatKpi, formatMoney, KPI_LABELS, PHASE_LABEL, type Campaign, type CampaignPhase } from "./kpi";

const PHASE_VARIANT: Record<CampaignPhase, "success" | "secondary" | "outline"> = { active: "success", upcoming: "secondary", ended: "outline", archived: "outline" };

/** Archive (or restore) with the outcome as a toast; archiving offers an undo. */
export function useArchiveCampaign() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archive = useMutation(trpc.campaigns.archive.mutationOptions());
  const [upgrade, setUpgrade] = useState<ApiErrorInfo | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });

  async function setArchived(campaign: Pick<Campaign, "id" | "name">, archived: boolean, { offerUndo = true } = {}) {
    try {
      await archive.mutateAsync({ campaignId: campaign.id, archived });
      await invalidate();
      void queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() });
      if (archived) {
        toast.success(`Archived “${campaign.name}”`, {
          description: "Its posts stay as they are.",
          action: offerUndo ? { label: "Undo", onClick: () => void setArchived(campaign, false, { offerUndo: false }) } : undefined,
        });
      } else {
        toast.success(`Restored “${campaign.name}”`);
      }
    } catch (error) {
      const info = apiError(error);
      // Restoring can exceed the plan's campaign limit: show the upgrade offer, not a bare error.
      if (info.upgrade) setUpgrade(info);
      toast.error(info.message);
    }
  }

  return { setArchived, pending: archive.isPending, upgrade, clearUpgrade: () => setUpgrade(null) };
}

function CampaignCard({ campaign, today, canManage, onEdit, onArchive }: { campaign: Campaign; today: string | null; canManage: boolean; onEdit: () => void; onArchive: (archived: boolean) => void }) {
  const { slug } = useOrg();
  const phase = campaignPhase(campaign, today);
  return (
    <li className="relative" data-testid="campaign-card" data-name={campaign.name}>
      <div className="group relative flex h-full flex-col gap-4 overflow-hidden rounded-xl border bg-card p-5 pt-6 shadow-sm transition-[border-color,box-shadow] focus-within:ring-[3px] focus-within:ring-ring/50 hover:border-primary/40 hover:shadow-md">
        <span aria-hidden className="absolute inset-x-0 top-0 h-1.5" style={{ backgroundColor: campaign.color }} />
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="truncate font-semibold">
              <Link href={`/${slug}/campaigns/${campaign.id}`} className="outline-none after:absolute after:inset-0 group-hover:text-primary">
                {campaign.name}
              </Link>
            </h3>
            <p className="text-xs text-muted-foreground">{formatDateRange(campaign.startsOn, campaign.endsOn)}</p>
          </div>
          <div className="relative z-10 flex items-center gap-1">
            {phase ? <Badge variant={PHASE_VARIANT[phase]}>{PHASE_LABEL[phase]}</Badge> : null}
            {canManage ? (
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${campaign.name}`}>
                    <MoreHorizontalIcon aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="end">
                  <DropdownMenuItem onSelect={onEdit}>
                    <PencilIcon aria-hidden /> Edit
                  </DropdownMenuItem>
                  {campaign.archivedAt ? (
                    <DropdownMenuItem onSelect={() => onArchive(false)}>
                      <ArchiveRestoreIcon aria-hidden /> Restore
                    </DropdownMenuItem>
                  ) : (
                    <DropdownMenuItem onSelect={() => onArchive(true)}>
                      <ArchiveIcon aria-hidden /> Archive
                    </DropdownMenuItem>
                  )}
                </DropdownMenuContent>
              </DropdownMenu>
            ) : null}
          </div>
        </div>
        {campaign.goal ? <p className="line-clamp-2 text-sm text-muted-foreground">{campaign.goal}</p> : null}
        {campaign.kpiTargets.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5" aria-label="KPI targets">
            {campaign.kpiTargets.slice(0, 4).map((kpi) => (
              <li key={kpi.metric}>
                <Badge variant="outline" className="font-normal">
                  <TargetIcon aria-hidden /> {KPI_LABELS[kpi.metric]} {formatKpi(kpi.metric, kpi.target, { compact: true })}
                </Badge>
              </li>
            ))}
            {campaign.kpiTargets.length > 4 ? (
              <li>
                <Badge variant="outline" className="font-normal">
                  +{campaign.kpiTargets.length - 4} more
                </Badge>
              </li>
            ) : null}
          </ul>
        ) : null}
        <div className="mt-auto flex items-center justify-between gap-2 border-t pt-3 text-xs text-muted-foreground">
          <span className="tabular-nums">
            {campaign.publishedCount} of {campaign.postCount} {campaign.postCount === 1 ? "post" : "posts"} published
          </span>
          {campaign.budgetCents != null ? <span className="tabular-nums">Budget {formatMoney(campaign.budgetCents, campaign.currency)}</span> : null}
        </div>
      </div>
    </li>
  );
}

export function CampaignsView() {
  const trpc = useTRPC();
  const { org, can } = useOrg();
  const canManage = can("campaigns.manage");
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useQuery(trpc.campaigns.list.queryOptions({ includeArchived }));
  const today = useToday(org.timezone);
  const [dialog, setDialog] = useState<{ open: boolean; campaign?: Campaign }>({ open: false });
  const { setArchived, upgrade, clearUpgrade } = useArchiveCampaign();

  const campaigns = list.data ?? [];
  const active = campaigns.filter((c) => !c.archivedAt);
  const archived = campaigns.filter((c) => c.archivedAt);

  const renderGrid = (items: Campaign[]) => (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((campaign) => (
        <CampaignCard
          key={campaign.id}
          campaign={campaign}
          today={today}
          canManage={canManage}
          onEdit={() => setDialog({ open: true, campaign })}
          onArchive={(value) => void setArchived(campaign, value)}
        />
      ))}
    </ul>
  );

  return (
    <div className="grid gap-8">
      <PageHeader
        title="Campaigns"
        description="Group posts around a goal, with targets, a budget and dates."
        actions={
          canManage ? (
            <Button onClick={() => setDialog({ open: true })} data-testid="new-campaign">
              <PlusIcon aria-hidden /> New campaign
            </Button>
          ) : null
        }
      />

      {upgrade?.upgrade ? (
        <div className="grid gap-2">
          <UpgradePrompt upgrade={upgrade.upgrade} message={upgrade.message} />
          <Button variant="ghost" size="sm" className="justify-self-end" onClick={clearUpgrade}>
            Dismiss
          </Button>
        </div>
      ) : null}

      <div className="flex items-center gap-3">
        <Switch id="show-archived" checked={includeArchived} onCheckedChange={setIncludeArchived} />
        <Label htmlFor="show-archived">Show archived campaigns</Label>
      </div>

      {list.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" role="status" aria-busy aria-label="Loading campaigns">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-48 rounded-xl" />
          ))}
        </div>
      ) : list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : active.length === 0 && archived.length === 0 ? (
        <EmptyState
          icon={<MegaphoneIcon />}
          title="No campaigns yet"
          description={`Campaigns tie ${org.name}’s posts to a goal — a launch, a season, an event — and show how close you are to its targets.`}
          action={
            canManage ? (
              <Button onClick={() => setDialog({ open: true })}>
                <PlusIcon aria-hidden /> Create your first campaign
              </Button>
            ) : null
          }
        />
      ) : (
        <div className="grid gap-8">
          {active.length > 0 ? (
            <section aria-label="Current campaigns">{renderGrid(active)}</section>
          ) : (
            <p className="text-sm text-muted-foreground">No current campaigns — only archived ones.</p>
          )}
          {archived.length > 0 ? (
            <section aria-labelledby="archived-campaigns" className="grid gap-4">
              <h2 id="archived-campaigns" className="text-sm font-medium text-muted-foreground">
                Archived
              </h2>
              {renderGrid(archived)}
            </section>
          ) : null}
        </div>
      )}

      <CampaignDialog campaign={dialog.campaign} open={dialog.open} onOpenChange={(open) => setDialog((d) => ({ ...d, open }))} />
    </div>
  );
}
