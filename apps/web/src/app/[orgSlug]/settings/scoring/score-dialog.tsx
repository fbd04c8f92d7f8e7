"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { Switch } from "@mg/ui/switch";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES } from "../../contacts/crm-ui";
import { ChoiceSelect, FormFooter } from "../../contacts/record-fields";
import type { Score, ScoreThreshold } from "./scoring-ui";

interface Row extends ScoreThreshold {
  key: number;
}

export function ScoreDialog({ score, onClose, onSaved }: { score: Score | "new" | null; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const existing = score !== null && score !== "new" ? score : null;
  return (
    <Dialog open={score !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{existing ? `Edit “${existing.label}”` : "New score"}</DialogTitle>
          <DialogDescription>A threshold acts when a contact’s total rises to it: it moves the stage forward (never back), notifies the owner, or assigns an owner in turn.</DialogDescription>
        </DialogHeader>
        {score !== null ? <ScoreForm key={existing?.id ?? "new"} existing={existing} onClose={onClose} onSaved={onSaved} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ScoreForm({ existing, onClose, onSaved }: { existing: Score | null; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.scoring.scoreCreate.mutationOptions());
  const update = useMutation(trpc.scoring.scoreUpdate.mutationOptions());
  const [label, setLabel] = useState(existing?.label ?? "");
  const [isPrimary, setPrimary] = useState(existing?.isPrimary ?? false);
  const [rows, setRows] = useState<Row[]>(() => (existing?.thresholds ?? []).map((t, i) => ({ ...t, key: i })));
  const [nextKey, setNextKey] = useState(100);
  const [error, setError] = useState<string | null>(null);

  const patch = (key: number, change: Partial<ScoreThreshold>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const thresholds = rows.map(({ key: _key, ...t }) => t);
    try {
      if (existing) await update.mutateAsync({ scoreId: existing.id, label, thresholds, ...(isPrimary && !existing.isPrimary ? { isPrimary: true } : {}) });
      else await create.mutateAsync({ label, isPrimary, thresholds });
      toast.success(`Saved “${label}”`);
      await onSaved();
      onClose();
    } catch (err) {
      setError(apiError(err).message);
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <FormField label="Name" required>
        <Input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} autoFocus placeholder="Fit" />
      </FormField>
      <div className="flex items-start gap-3">
        <Switch id="score-primary" checked={isPrimary} disabled={existing?.isPrimary === true} onCheckedChange={setPrimary} aria-describedby="score-primary-help" />
        <div className="grid gap-1">
          <Label htmlFor="score-primary">Primary score</Label>
          <p id="score-primary-help" className="text-sm text-muted-foreground">
            The contacts table shows and sorts by the primary score. {existing?.isPrimary ? "Make another score primary to change it." : ""}
          </p>
        </div>
      </div>
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">Thresholds</legend>
        {rows.length === 0 ? <p className="text-sm text-muted-foreground">No thresholds: the score only informs.</p> : null}
        {rows.map((r, i) => (
          <div key={r.key} className="grid gap-2 rounded-lg border p-3">
            <div className="grid grid-cols-[8rem_1fr_auto] items-end gap-2">
              <FormField label="At least">
                <Input type="number" value={r.atLeast} onChange={(e) => patch(r.key, { atLeast: Number.parseInt(e.target.value || "0", 10) })} />
              </FormField>
              <FormField label="Move stage to">
                {(control) => (
                  <ChoiceSelect
                    {...control}
                    className="w-full"
                    value={r.lifecycleStage ?? "none"}
                    onChange={(v) => patch(r.key, { lifecycleStage: v === "none" ? null : (v as ScoreThreshold["lifecycleStage"]) })}
                    choices={[["none", "Leave the stage"], ...LIFECYCLE_STAGES.filter((s) => s !== "OTHER").map((s) => [s, LIFECYCLE_LABELS[s]] as const)]}
                  />
                )}
              </FormField>
              <Button type="button" variant="ghost" size="icon" aria-label={`Remove threshold ${i + 1}`} onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}>
                <Trash2Icon aria-hidden />
              </Button>
            </div>
            <div className="flex flex-wrap gap-4">
              <div className="flex items-center gap-2">
                <Switch id={`notify-${r.key}`} checked={r.notifyOwner} onCheckedChange={(v) => patch(r.key, { notifyOwner: v })} />
                <Label htmlFor={`notify-${r.key}`}>Notify the owner</Label>
              </div>
              <div className="flex items-center gap-2">
                <Switch id={`rr-${r.key}`} checked={r.assignRoundRobin} onCheckedChange={(v) => patch(r.key, { assignRoundRobin: v })} />
                <Label htmlFor={`rr-${r.key}`}>Assign an owner in turn (if it has none)</Label>
              </div>
            </div>
          </div>
        ))}
        <Button
          type="button"
          variant="outline"
          className="justify-self-start"
          onClick={() => {
            setRows((list) => [...list, { key: nextKey, atLeast: (list[list.length - 1]?.atLeast ?? 0) + 50, lifecycleStage: "MARKETING_QUALIFIED", notifyOwner: true, assignRoundRobin: false }]);
            setNextKey((k) => k + 1);
          }}
        >
          <PlusIcon aria-hidden /> Add threshold
        </Button>
      </fieldset>
      <FormFooter onCancel={onClose} submitLabel={existing ? "Save score" : "Add score"} pending={create.isPending || update.isPending} pendingLabel="Saving…" />
    </form>
  );
}
