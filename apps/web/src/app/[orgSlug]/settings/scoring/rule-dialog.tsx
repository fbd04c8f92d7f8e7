"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { ChoiceSelect, FormFooter } from "../../contacts/record-fields";
import { ConditionBuilder, defaultCondition } from "./condition-builder";
import { BEHAVIOUR_LABELS, SCORED_BEHAVIOURS, type FactCondition, type Rule, type RuleDefinition, type Score } from "./scoring-ui";

type Kind = "FACT" | "BEHAVIOUR";
type Behaviour = (typeof SCORED_BEHAVIOURS)[number];
const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: "FACT", label: "Fact about the contact" },
  { value: "BEHAVIOUR", label: "Something they did" },
];
const SUBJECT: Partial<Record<Behaviour, { key: "formId" | "pageId" | "linkId"; label: string }>> = {
  form_submitted: { key: "formId", label: "Only this form (its id, optional)" },
  page_visited: { key: "pageId", label: "Only this landing page (its id, optional)" },
  link_clicked: { key: "linkId", label: "Only this tracked link (its id, optional)" },
};

const optionalInt = (text: string): number | null => (text.trim() === "" ? null : Number.parseInt(text, 10));

export function RuleDialog({ scores, rule, defaultScoreId, onClose, onSaved }: { scores: Score[]; rule: Rule | "new" | null; defaultScoreId: string | null; onClose: () => void; onSaved: (recomputeId: string | null) => Promise<unknown> }) {
  const existing = rule !== null && rule !== "new" ? rule : null;
  return (
    <Dialog open={rule !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{existing ? `Edit “${existing.name}”` : "New rule"}</DialogTitle>
          <DialogDescription>Fact rules apply to every contact now and whenever a contact changes; behaviour rules count each action from now on.</DialogDescription>
        </DialogHeader>
        {rule !== null ? <RuleForm key={existing?.id ?? "new"} scores={scores} existing={existing} defaultScoreId={defaultScoreId} onClose={onClose} onSaved={onSaved} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function RuleForm({ scores, existing, defaultScoreId, onClose, onSaved }: { scores: Score[]; existing: Rule | null; defaultScoreId: string | null; onClose: () => void; onSaved: (recomputeId: string | null) => Promise<unknown> }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.scoring.ruleCreate.mutationOptions());
  const update = useMutation(trpc.scoring.ruleUpdate.mutationOptions());
  const [kind, setKind] = useState<Kind>(existing?.kind ?? "FACT");
  const [name, setName] = useState(existing?.name ?? "");
  const [scoreId, setScoreId] = useState(existing?.scoreId ?? defaultScoreId ?? scores[0]?.id ?? "");
  const [points, setPoints] = useState(String(existing?.points ?? 10));
  const [cap, setCap] = useState(existing?.cap == null ? "" : String(existing.cap));
  const [halfLife, setHalfLife] = useState(existing?.halfLifeDays == null ? "" : String(existing.halfLifeDays));
  const [condition, setCondition] = useState<FactCondition>(existing?.kind === "FACT" ? (existing.condition as FactCondition) : defaultCondition("lifecycle"));
  const [event, setEvent] = useState<Behaviour>(existing?.kind === "BEHAVIOUR" ? (existing.event as Behaviour) : "form_submitted");
  const initialFilter = existing?.kind === "BEHAVIOUR" ? (existing.condition as Record<string, string>) : {};
  const [subjectId, setSubjectId] = useState(Object.values(initialFilter)[0] ?? "");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const subject = SUBJECT[event];
    const definition: RuleDefinition =
      kind === "FACT" ? { kind: "FACT", condition } : { kind: "BEHAVIOUR", event, filter: subject && subjectId.trim() ? { [subject.key]: subjectId.trim() } : {} };
    const common = { name, definition, points: Number.parseInt(points, 10), cap: optionalInt(cap), halfLifeDays: kind === "BEHAVIOUR" ? optionalInt(halfLife) : null };
    try {
      const result = existing ? await update.mutateAsync({ ruleId: existing.id, ...common }) : await create.mutateAsync({ scoreId, ...common });
      toast.success(existing ? `Saved “${name}”` : `Added “${name}”`);
      await onSaved(result.recomputeId);
      onClose();
    } catch (err) {
      setError(apiError(err).message);
    }
  }

  const subject = SUBJECT[event];
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      {existing ? null : <SegmentedControl label="Kind of rule" value={kind} onValueChange={setKind} options={KIND_OPTIONS} />}
      <FormField label="Name" required>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoFocus placeholder={kind === "FACT" ? "Decision maker" : "Asked for a quote"} />
      </FormField>
      {existing ? null : <FormField label="Score">{(control) => <ChoiceSelect {...control} className="w-full" value={scoreId} onChange={setScoreId} choices={scores.map((s) => [s.id, s.label] as const)} />}</FormField>}
      {kind === "FACT" ? (
        <ConditionBuilder condition={condition} onChange={setCondition} />
      ) : (
        <div className="grid gap-3 rounded-lg border p-3">
          <FormField label="When the contact">{(control) => <ChoiceSelect {...control} className="w-full" value={event} onChange={setEvent} choices={SCORED_BEHAVIOURS.map((b) => [b, BEHAVIOUR_LABELS[b]] as const)} />}</FormField>
          {subject ? (
            <FormField label={subject.label}>
              <Input value={subjectId} onChange={(e) => setSubjectId(e.target.value)} placeholder="Any" />
            </FormField>
          ) : null}
        </div>
      )}
      <div className="grid grid-cols-3 gap-3">
        <FormField label="Points" required description="Negative to subtract.">
          <Input type="number" value={points} onChange={(e) => setPoints(e.target.value)} min={-1000} max={1000} />
        </FormField>
        <FormField label="Cap" description="Most points this rule gives one contact.">
          <Input type="number" value={cap} onChange={(e) => setCap(e.target.value)} min={1} placeholder="None" />
        </FormField>
        {kind === "BEHAVIOUR" ? (
          <FormField label="Half-life (days)" description="Points halve after this long.">
            <Input type="number" value={halfLife} onChange={(e) => setHalfLife(e.target.value)} min={1} placeholder="Never" />
          </FormField>
        ) : null}
      </div>
      <FormFooter onCancel={onClose} submitLabel={existing ? "Save rule" : "Add rule"} pending={create.isPending || update.isPending} pendingLabel="Saving…" />
    </form>
  );
}
