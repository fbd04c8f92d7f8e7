"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, PencilIcon, PlusIcon, RotateCcwIcon, Trash2Icon, TrophyIcon, XCircleIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { formatInZone } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { TaskDialog } from "../../tasks/task-dialog";
import { TaskItem } from "../../tasks/task-item";
import { CloseDealDialog } from "../close-dialog";
import { DealDialog } from "../deal-dialog";
import { contactName, formatCloseDate, formatMinor, personName } from "../money";
import { useDealActions } from "../use-deal-actions";

const KIND_LABEL: Record<string, string> = {
  DEAL_CREATED: "Deal created",
  STAGE_CHANGED: "Stage changed",
  DEAL_WON: "Won",
  DEAL_LOST: "Lost",
  TASK_CREATED: "Task created",
  TASK_DONE: "Task done",
  NOTE: "Note",
  CALL: "Call",
  MEETING: "Meeting",
};

/** One line of text for a timeline entry, from its typed payload (unknown shapes show the kind only). */
function describePayload(kind: string, payload: unknown): string | null {
  const p = (payload ?? {}) as Record<string, unknown>;
  const s = (key: string) => (typeof p[key] === "string" ? (p[key] as string) : null);
  if (kind === "STAGE_CHANGED") return `${s("fromStage") ?? "—"} → ${s("toStage") ?? "—"}`;
  if (kind === "DEAL_LOST") return s("reason") ? `“${s("reason")}”` : null;
  if (kind === "TASK_CREATED" || kind === "TASK_DONE") return s("title");
  if (kind === "NOTE") return s("text");
  if (kind === "CALL" || kind === "MEETING") return s("summary");
  return null;
}

export function DealDetailView({ dealId }: { dealId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { slug, org, can } = useOrg();
  const detail = useQuery(trpc.deals.get.queryOptions({ dealId }));
  const timeline = useQuery(trpc.deals.timeline.queryOptions({ dealId, limit: 50 }));
  const tasks = useQuery(trpc.tasks.forRecord.queryOptions({ dealId }));
  const owners = useQuery(trpc.deals.owners.queryOptions());
  const pipelines = useQuery(trpc.pipelines.list.queryOptions());
  const actions = useDealActions();
  const [editing, setEditing] = useState(false);
  const [taskDialog, setTaskDialog] = useState(false);
  // What "overdue" is measured against: the time the page was opened (stable across renders).
  const [openedAt] = useState(() => Date.now());
  const people = owners.data?.people ?? [];
  const back = (
    <Link href={`/${slug}/deals`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon aria-hidden className="size-4" /> Deals
    </Link>
  );

  if (detail.isError)
    return (
      <div className="grid gap-6">
        {back}
        {apiError(detail.error).code === "NOT_FOUND" ? (
          <EmptyState title="Deal not found" description="It may have been deleted, or it belongs to someone else." />
        ) : (
          <Alert variant="destructive">
            <AlertDescription>{apiError(detail.error).message}</AlertDescription>
          </Alert>
        )}
      </div>
    );
  if (detail.isPending)
    return (
      <div className="grid gap-6" role="status" aria-label="Loading the deal">
        {back}
        <Skeleton className="h-12 w-80" />
        <Skeleton className="h-48" />
      </div>
    );

  const { deal, history, stages } = detail.data;
  const canUpdate = can("deals.update");
  // This pipeline's stages first; other live pipelines' stages move the deal there.
  const others = (pipelines.data ?? []).filter((p) => p.id !== deal.pipelineId);
  const groups = [{ id: deal.pipelineId, name: deal.pipeline.name, stages }, ...others.map((p) => ({ id: p.id, name: p.name, stages: p.stages }))];
  const allStages = groups.flatMap((g) => g.stages);
  const closed = deal.stage.kind !== "OPEN";
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={back}
        title={deal.name}
        description={`${deal.pipeline.name} · ${deal.stage.name}${deal.stage.kind === "OPEN" ? ` (${deal.stage.probability} %)` : ""}`}
        actions={
          <div className="flex flex-wrap gap-2">
            {canUpdate ? (
              <>
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <PencilIcon aria-hidden /> Edit
                </Button>
                {closed ? (
                  <Button variant="outline" onClick={() => void actions.reopenDeal(deal)}>
                    <RotateCcwIcon aria-hidden /> Reopen
                  </Button>
                ) : (
                  <>
                    <Button variant="outline" onClick={() => actions.askClose(deal, "WON")}>
                      <TrophyIcon aria-hidden /> Won
                    </Button>
                    <Button variant="outline" onClick={() => actions.askClose(deal, "LOST")}>
                      <XCircleIcon aria-hidden /> Lost
                    </Button>
                  </>
                )}
              </>
            ) : null}
            {can("deals.delete") ? (
              <Button
                variant="outline"
                onClick={() => {
                  void actions.deleteDeal(deal);
                  router.push(`/${slug}/deals`);
                }}
              >
                <Trash2Icon aria-hidden /> Delete
              </Button>
            ) : null}
          </div>
        }
      />

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle as="h2">Details</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted-foreground">Amount</dt>
                <dd className="text-lg font-semibold tabular-nums">{formatMinor(deal.amountMinor, deal.currency)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Stage</dt>
                <dd>
                  <Badge variant={deal.stage.kind === "WON" ? "success" : deal.stage.kind === "LOST" ? "outline" : "secondary"}>{deal.stage.name}</Badge>
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Expected close</dt>
                <dd>{formatCloseDate(deal.expectedCloseOn)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Owner</dt>
                <dd>{personName(people, deal.ownerUserId)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Company</dt>
                <dd>{deal.company?.name ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{closed ? "Closed" : "Created"}</dt>
                <dd>{formatInZone(deal.closedAt ?? deal.createdAt, org.timezone)}</dd>
              </div>
              {deal.lostReason ? (
                <div className="sm:col-span-2">
                  <dt className="text-muted-foreground">Lost because</dt>
                  <dd>“{deal.lostReason}”</dd>
                </div>
              ) : null}
            </dl>
            {canUpdate && !closed ? (
              <div className="grid max-w-xs gap-1.5">
                <Label id="deal-stage-label">Move to stage</Label>
                <Select
                  value={deal.stageId}
                  onValueChange={(stageId) => {
                    const stage = allStages.find((s) => s.id === stageId);
                    if (stage) void actions.moveDeal({ dealId: deal.id, dealName: deal.name, stageId, stageName: stage.name, stageKind: stage.kind, afterDealId: null, beforeDealId: null });
                  }}
                >
                  <SelectTrigger aria-labelledby="deal-stage-label">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {groups.map((group) => (
                      <SelectGroup key={group.id}>
                        {groups.length > 1 ? <SelectLabel>{group.name}</SelectLabel> : null}
                        {group.stages.map((s) => (
                          <SelectItem key={s.id} value={s.id}>
                            {s.name}
                          </SelectItem>
                        ))}
                      </SelectGroup>
                    ))}
                  </SelectContent>
                </Select>
              </div>
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Contacts</CardTitle>
          </CardHeader>
          <CardContent>
            {deal.contacts.length === 0 ? (
              <p className="text-sm text-muted-foreground">No contacts on this deal.</p>
            ) : (
              <ul className="grid gap-1.5 text-sm">
                {deal.contacts.map((c) => (
                  <li key={c.id}>
                    <Link href={`/${slug}/contacts/${c.id}`} className="font-medium hover:text-primary hover:underline">
                      {contactName(c)}
                    </Link>
                    {c.primaryEmail ? <span className="block text-xs text-muted-foreground">{c.primaryEmail}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader className="flex flex-row items-center justify-between">
            <CardTitle as="h2">Tasks</CardTitle>
            {can("tasks.create") ? (
              <Button size="sm" variant="outline" onClick={() => setTaskDialog(true)}>
                <PlusIcon aria-hidden /> New task
              </Button>
            ) : null}
          </CardHeader>
          <CardContent>
            {tasks.isError ? (
              <p className="text-sm text-destructive">{apiError(tasks.error).message}</p>
            ) : tasks.isPending ? (
              <Skeleton className="h-14" />
            ) : tasks.data.length === 0 ? (
              <p className="text-sm text-muted-foreground">No tasks yet.</p>
            ) : (
              <ul className="grid gap-2">
                {tasks.data.map((task) => (
                  <TaskItem key={task.id} task={task} overdue={task.dueAt !== null && task.dueAt.getTime() < openedAt} />
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Stage history</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="grid gap-2 text-sm">
              {history.map((h) => (
                <li key={h.id} className="grid">
                  <span>{h.fromStage ? `${h.fromStage.name} → ${h.toStage.name}` : `Created in ${h.toStage.name}`}</span>
                  <span className="text-xs text-muted-foreground">
                    {formatInZone(h.changedAt, org.timezone)} · {personName(people, h.changedById)} · {formatMinor(h.amountMinor, deal.currency)}
                  </span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>

        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle as="h2">Timeline</CardTitle>
          </CardHeader>
          <CardContent>
            {timeline.isError ? (
              <p className="text-sm text-destructive">{apiError(timeline.error).message}</p>
            ) : timeline.isPending ? (
              <Skeleton className="h-24" />
            ) : timeline.data.entries.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing has happened yet.</p>
            ) : (
              <ol className="grid gap-3 text-sm">
                {timeline.data.entries.map((entry) => {
                  const text = describePayload(entry.kind, entry.payload);
                  return (
                    <li key={entry.id} className="grid border-l-2 pl-3">
                      <span className="font-medium">{KIND_LABEL[entry.kind] ?? entry.kind.toLowerCase().replace(/_/g, " ")}</span>
                      {text ? <span className="break-words">{text}</span> : null}
                      <span className="text-xs text-muted-foreground">
                        {formatInZone(entry.occurredAt, org.timezone)}
                        {entry.actorUserId ? ` · ${personName(people, entry.actorUserId)}` : entry.actorLabel ? ` · ${entry.actorLabel}` : ""}
                      </span>
                    </li>
                  );
                })}
              </ol>
            )}
          </CardContent>
        </Card>
      </div>

      <DealDialog open={editing} onOpenChange={setEditing} deal={deal} />
      <TaskDialog open={taskDialog} onOpenChange={setTaskDialog} links={{ dealId: deal.id, label: `“${deal.name}”` }} />
      <CloseDealDialog request={actions.closing} busy={actions.closeBusy} onConfirm={(reason) => void actions.confirmClose(reason)} onCancel={actions.cancelClose} />
    </div>
  );
}
