"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, GaugeIcon, PencilIcon, PlusIcon, RefreshCwIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { ConfirmAction } from "~/components/confirm-button";
import { QueryStates } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { LIFECYCLE_LABELS } from "../../contacts/crm-ui";
import { RuleDialog } from "./rule-dialog";
import { ScoreDialog } from "./score-dialog";
import { describeRule, type Rule, type Score } from "./scoring-ui";

/** Lead scoring settings: named scores with thresholds, their rules, the conversion model, recompute. */
export function ScoringView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useOrg();
  const canManage = can("scoring.manage");
  const scores = useQuery(trpc.scoring.scores.queryOptions());
  const [editingScore, setEditingScore] = useState<Score | "new" | null>(null);
  const [recomputeId, setRecomputeId] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.scoring.pathKey() });

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Lead scoring"
        description="Points for who a contact is and what they do. Every point is an entry the contact page can explain."
        actions={
          canManage ? (
            <Button onClick={() => setEditingScore("new")}>
              <PlusIcon aria-hidden /> New score
            </Button>
          ) : null
        }
      />
      <QueryStates
        query={scores}
        loadingLabel="Loading scores"
        rowClassName="h-32"
        isEmpty={(scores.data ?? []).length === 0}
        empty={
          <EmptyState
            icon={<GaugeIcon />}
            title="No scores yet"
            description="Start with a “Fit” score (who the contact is) and an “Engagement” score (what they do)."
            action={canManage ? <Button onClick={() => setEditingScore("new")}>Create a score</Button> : undefined}
          />
        }
      >
        {(scores.data ?? []).map((score) => (
          <ScoreCard key={score.id} score={score} scores={scores.data ?? []} canManage={canManage} onEdit={() => setEditingScore(score)} onChanged={invalidate} onRecompute={setRecomputeId} />
        ))}
      </QueryStates>
      <RecomputeCard canManage={canManage} recomputeId={recomputeId} onStarted={setRecomputeId} />
      <ModelCard />
      <ScoreDialog score={editingScore} onClose={() => setEditingScore(null)} onSaved={invalidate} />
    </div>
  );
}

function ScoreCard({ score, scores, canManage, onEdit, onChanged, onRecompute }: { score: Score; scores: Score[]; canManage: boolean; onEdit: () => void; onChanged: () => Promise<unknown>; onRecompute: (id: string) => void }) {
  const trpc = useTRPC();
  const rules = useQuery(trpc.scoring.rules.queryOptions({ scoreId: score.id, includeArchived: true }));
  const remove = useMutation(trpc.scoring.scoreDelete.mutationOptions());
  const archive = useMutation(trpc.scoring.ruleArchive.mutationOptions());
  const [editingRule, setEditingRule] = useState<Rule | "new" | null>(null);
  const headingId = `score-${score.id}`;

  async function setArchived(rule: Rule, archived: boolean) {
    try {
      const result = await archive.mutateAsync({ ruleId: rule.id, archived });
      if (result.recomputeId) onRecompute(result.recomputeId);
      await onChanged();
      toast.success(archived ? `Archived “${rule.name}”` : `Restored “${rule.name}”`, archived ? { action: { label: "Undo", onClick: () => void setArchived(rule, false) } } : undefined);
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle as="h2" id={headingId}>
            {score.label} {score.isPrimary ? <Badge variant="outline">primary</Badge> : null}
          </CardTitle>
          <CardDescription>
            {score.thresholds.length === 0
              ? "No thresholds."
              : score.thresholds
                  .map((t) => [`at ${t.atLeast}`, t.lifecycleStage ? `→ ${LIFECYCLE_LABELS[t.lifecycleStage]}` : null, t.notifyOwner ? "notify owner" : null, t.assignRoundRobin ? "assign in turn" : null].filter(Boolean).join(" · "))
                  .join("; ")}
          </CardDescription>
        </div>
        {canManage ? (
          <div className="flex gap-2">
            <Button variant="outline" size="sm" onClick={onEdit}>
              <PencilIcon aria-hidden /> Edit score
            </Button>
            <ConfirmAction
              trigger={
                <Button variant="ghost" size="sm" aria-label={`Delete ${score.label}`}>
                  <Trash2Icon aria-hidden />
                </Button>
              }
              title={`Delete “${score.label}”?`}
              description="Its rules, every contact’s entries and totals for it are deleted. This cannot be undone."
              confirmLabel="Delete score"
              onConfirm={async () => {
                try {
                  await remove.mutateAsync({ scoreId: score.id });
                  await onChanged();
                  toast.success(`Deleted “${score.label}”`);
                } catch (e) {
                  toast.error(apiError(e).message);
                }
              }}
            />
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-3">
        <QueryStates query={rules} loadingLabel={`Loading the rules of ${score.label}`} isEmpty={(rules.data ?? []).length === 0} empty={<p className="text-sm text-muted-foreground">No rules yet: this score stays 0.</p>}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Rule</TableHead>
                <TableHead>When</TableHead>
                <TableHead className="text-right">Points</TableHead>
                <TableHead>Cap · half-life</TableHead>
                {canManage ? <TableHead className="sr-only">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {(rules.data ?? []).map((rule) => (
                <TableRow key={rule.id} className={rule.archivedAt ? "opacity-60" : undefined}>
                  <TableCell className="font-medium">
                    {rule.name} {rule.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                  </TableCell>
                  <TableCell>{describeRule(rule)}</TableCell>
                  <TableCell className="text-right tabular-nums">{rule.points > 0 ? `+${rule.points}` : rule.points}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {rule.cap ? `max ${rule.cap}` : "no cap"} · {rule.halfLifeDays ? `${rule.halfLifeDays} days` : "no decay"}
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <Button variant="ghost" size="icon-sm" aria-label={`Edit ${rule.name}`} disabled={rule.archivedAt !== null} onClick={() => setEditingRule(rule)}>
                        <PencilIcon aria-hidden />
                      </Button>
                      <Button variant="ghost" size="icon-sm" aria-label={rule.archivedAt ? `Restore ${rule.name}` : `Archive ${rule.name}`} onClick={() => void setArchived(rule, rule.archivedAt === null)}>
                        {rule.archivedAt ? <ArchiveRestoreIcon aria-hidden /> : <ArchiveIcon aria-hidden />}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </QueryStates>
        {canManage ? (
          <Button variant="outline" className="justify-self-start" onClick={() => setEditingRule("new")}>
            <PlusIcon aria-hidden /> Add rule
          </Button>
        ) : null}
      </CardContent>
      <RuleDialog
        scores={scores}
        rule={editingRule}
        defaultScoreId={score.id}
        onClose={() => setEditingRule(null)}
        onSaved={async (id) => {
          if (id) onRecompute(id);
          await onChanged();
        }}
      />
    </Card>
  );
}

function RecomputeCard({ canManage, recomputeId, onStarted }: { canManage: boolean; recomputeId: string | null; onStarted: (id: string) => void }) {
  const trpc = useTRPC();
  const status = useQuery({
    ...trpc.scoring.recomputeStatus.queryOptions(recomputeId ? { recomputeId } : {}),
    refetchInterval: (q) => (q.state.data?.status === "RUNNING" ? 1000 : false),
  });
  const start = useMutation(trpc.scoring.recompute.mutationOptions());
  const run = status.data;
  const percent = run && run.totalContacts > 0 ? Math.min(100, Math.round((run.processed / run.totalContacts) * 100)) : run?.status === "DONE" ? 100 : 0;
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle as="h2">Recompute</CardTitle>
          <CardDescription>Fact rules are re-evaluated for every contact after a rule changes; this runs it again by hand.</CardDescription>
        </div>
        {canManage ? (
          <Button
            variant="outline"
            disabled={start.isPending || run?.status === "RUNNING"}
            onClick={() =>
              void start
                .mutateAsync()
                .then((r) => onStarted(r.recomputeId))
                .catch((e: unknown) => toast.error(apiError(e).message))
            }
          >
            <RefreshCwIcon aria-hidden /> Recompute all contacts
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {!run ? (
          <p className="text-sm text-muted-foreground">No recompute has run yet.</p>
        ) : (
          <div className="grid gap-2">
            <div className="h-2 overflow-hidden rounded-full bg-secondary" role="progressbar" aria-label="Recompute progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
            </div>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {run.status === "RUNNING" ? `Recomputing: ${run.processed} of ${run.totalContacts} contacts` : run.status === "DONE" ? `Done: ${run.processed} contacts recomputed` : `Stopped: ${run.error ?? "it failed"} (start it again to continue)`}
            </p>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function ModelCard() {
  const trpc = useTRPC();
  const model = useQuery(trpc.scoring.modelStatus.queryOptions());
  const data = model.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Conversion model</CardTitle>
        <CardDescription>Learned each week from your own contacts who became customers or won a deal. It predicts beside the rules; it never changes a score.</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryStates query={model} loadingLabel="Loading the model" rows={1} isEmpty={false} empty={null}>
          {!data ? null : data.status === "TRAINED" ? (
            <div className="grid gap-3 text-sm">
              <p>
                Holdout AUC <strong className="tabular-nums">{data.auc?.toFixed(2) ?? "—"}</strong> · {data.conversions} conversions among {data.samples} contacts · trained {new Date(data.trainedAt).toLocaleDateString()}
              </p>
              <p className="text-muted-foreground">AUC 0.5 is a coin toss, 1.0 a perfect ranking.</p>
              <ul className="grid gap-1" aria-label="Strongest features">
                {data.topWeights.map((w) => (
                  <li key={w.key} className="flex justify-between gap-2">
                    <span>{w.label}</span>
                    <span className={`tabular-nums ${w.weight < 0 ? "text-destructive" : "text-primary"}`}>
                      {w.weight > 0 ? "▲" : "▼"} {Math.abs(w.weight).toFixed(2)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : data.status === "INSUFFICIENT_DATA" ? (
            <p className="text-sm">
              Not enough conversions yet: the model needs at least {data.minConversions} contacts who converted and {data.minNonConversions} who did not ({data.conversions} converted of {data.samples}). Until then the rules alone apply.
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">Not trained yet: the first weekly training runs soon. Until then the rules alone apply.</p>
          )}
        </QueryStates>
      </CardContent>
    </Card>
  );
}
