"use client";

import { useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { HandshakeIcon, PlusIcon, Settings2Icon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { DealBoard } from "./board";
import { CloseDealDialog } from "./close-dialog";
import { DealDialog } from "./deal-dialog";
import { DealList } from "./deal-list";
import { ForecastPanel } from "./forecast";
import { PipelineDialog } from "./pipeline-dialog";
import { useDealActions } from "./use-deal-actions";
import { ExportButton } from "../contacts/exports/export-button";

const VIEWS = [
  { value: "board", label: "Board" },
  { value: "list", label: "List" },
  { value: "forecast", label: "Forecast" },
] as const;
type View = (typeof VIEWS)[number]["value"];

/** /[org]/deals: the pipeline switcher, then its board, list or forecast (kept in the URL). */
export function DealsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { can } = useOrg();
  const pipelines = useQuery(trpc.pipelines.list.queryOptions());
  const owners = useQuery(trpc.deals.owners.queryOptions());
  const createPipeline = useMutation(trpc.pipelines.create.mutationOptions());
  const view: View = (VIEWS.find((v) => v.value === params.get("view"))?.value ?? "board") as View;
  const requested = params.get("pipeline");
  const pipeline = pipelines.data?.find((p) => p.id === requested) ?? pipelines.data?.[0];
  const board = useQuery({ ...trpc.deals.board.queryOptions({ pipelineId: pipeline?.id }), enabled: view === "board" && pipeline !== undefined });
  const actions = useDealActions();
  const [dialog, setDialog] = useState<{ open: boolean; stageId?: string }>({ open: false });
  const [pipelineDialog, setPipelineDialog] = useState<{ open: boolean; edit: boolean }>({ open: false, edit: false });
  const canManage = can("crm_settings.manage");
  const people = owners.data?.people ?? [];

  function update(next: { view?: View; pipeline?: string }) {
    const query = new URLSearchParams(params.toString());
    if (next.view === "board") query.delete("view");
    else if (next.view) query.set("view", next.view);
    if (next.pipeline) query.set("pipeline", next.pipeline);
    router.replace(`${pathname}${query.size ? `?${query.toString()}` : ""}`, { scroll: false });
  }

  async function startPipeline() {
    try {
      const created = await createPipeline.mutateAsync({ name: "Sales" });
      await queryClient.invalidateQueries({ queryKey: trpc.pipelines.pathKey() });
      toast.success(`Created “${created.name}” with the default stages`);
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const header = (
    <PageHeader
      title="Deals"
      description="Your pipeline by stage, with totals and weighted totals per currency. Drag a card, or use its actions, to move it."
      actions={
        pipeline ? (
          <>
            <ExportButton request={{ object: "DEAL", input: { pipelineId: pipeline.id, status: "any" } }} label="Export" />
            {can("deals.create") ? (
              <Button onClick={() => setDialog({ open: true })}>
                <PlusIcon aria-hidden /> New deal
              </Button>
            ) : null}
          </>
        ) : null
      }
    />
  );

  if (pipelines.isError)
    return (
      <div className="grid gap-6">
        {header}
        <Alert variant="destructive">
          <AlertDescription>{apiError(pipelines.error).message}</AlertDescription>
        </Alert>
      </div>
    );
  if (pipelines.isPending)
    return (
      <div className="grid gap-6">
        {header}
        <div className="flex gap-3" role="status" aria-label="Loading deals">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-80 w-72" />
          ))}
        </div>
      </div>
    );
  if (!pipeline)
    return (
      <div className="grid gap-6">
        {header}
        <EmptyState
          icon={<HandshakeIcon aria-hidden />}
          title="No pipeline yet"
          description={canManage ? "Start one with the usual stages — Qualified, Proposal, Negotiation, Won and Lost. You can rename and re-weight them later." : "An admin creates the first pipeline; then your deals show up here."}
          action={
            canManage ? (
              <Button onClick={() => void startPipeline()} loading={createPipeline.isPending}>
                Create a pipeline
              </Button>
            ) : null
          }
        />
      </div>
    );

  return (
    <div className="grid gap-6">
      {header}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-1.5">
          <Label id="pipeline-label">Pipeline</Label>
          <Select value={pipeline.id} onValueChange={(id) => update({ pipeline: id })}>
            <SelectTrigger aria-labelledby="pipeline-label" className="w-64" data-testid="pipeline-switcher">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {(pipelines.data ?? []).map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {p.name}
                  {p.isDefault ? " (default)" : ""}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canManage ? (
            <>
              <Button variant="outline" size="sm" onClick={() => setPipelineDialog({ open: true, edit: true })}>
                <Settings2Icon aria-hidden /> Edit pipeline
              </Button>
              <Button variant="outline" size="sm" onClick={() => setPipelineDialog({ open: true, edit: false })}>
                <PlusIcon aria-hidden /> New pipeline
              </Button>
            </>
          ) : null}
          <SegmentedControl label="Deals view" value={view} onValueChange={(v) => update({ view: v })} options={VIEWS} optionClassName="px-3" />
        </div>
      </div>

      {view === "board" ? (
        board.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{apiError(board.error).message}</AlertDescription>
          </Alert>
        ) : board.isPending ? (
          <div className="flex gap-3" role="status" aria-label="Loading the board">
            {pipeline.stages.map((s) => (
              <Skeleton key={s.id} className="h-80 w-72 shrink-0" />
            ))}
          </div>
        ) : (
          <DealBoard
            board={board.data}
            people={people}
            canMove={can("deals.update")}
            canCreate={can("deals.create")}
            canDelete={can("deals.delete")}
            onMove={actions.moveDeal}
            onNewDeal={(stageId) => setDialog({ open: true, stageId })}
            onClose={(deal, outcome) => actions.askClose(deal, outcome)}
            onReopen={(deal) => void actions.reopenDeal(deal)}
            onDelete={(deal) => void actions.deleteDeal(deal)}
          />
        )
      ) : view === "list" ? (
        <DealList pipelineId={pipeline.id} people={people} />
      ) : (
        <ForecastPanel pipelineId={pipeline.id} people={people} />
      )}

      <PipelineDialog
        open={pipelineDialog.open}
        onOpenChange={(open) => setPipelineDialog({ open, edit: pipelineDialog.edit })}
        pipeline={pipelineDialog.edit ? pipeline : undefined}
        onCreated={(id) => update({ pipeline: id })}
      />
      <DealDialog open={dialog.open} onOpenChange={(open) => setDialog({ open })} pipeline={pipeline} stageId={dialog.stageId} />
      <CloseDealDialog request={actions.closing} busy={actions.closeBusy} onConfirm={(reason) => void actions.confirmClose(reason)} onCancel={actions.cancelClose} />
    </div>
  );
}
