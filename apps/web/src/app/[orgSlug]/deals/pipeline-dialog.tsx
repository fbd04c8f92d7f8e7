"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArrowDownIcon, ArrowUpIcon, PlusIcon, StarIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Separator } from "@mg/ui/separator";
import { CurrencySelect } from "~/components/currency-select";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { FormFailure } from "~/lib/form-failure";
import { useTRPC } from "~/trpc/client";
import type { Pipeline } from "./money";

type Kind = "OPEN" | "WON" | "LOST";
interface StageRow {
  key: string;
  id?: string;
  name: string;
  probability: string;
  kind: Kind;
}

const KIND_LABEL: Record<Kind, string> = { OPEN: "Open", WON: "Won", LOST: "Lost" };

function rowsOf(pipeline?: Pipeline): StageRow[] {
  if (!pipeline) {
    return [
      { key: "n1", name: "Qualified", probability: "10", kind: "OPEN" },
      { key: "n2", name: "Proposal", probability: "30", kind: "OPEN" },
      { key: "n3", name: "Negotiation", probability: "60", kind: "OPEN" },
      { key: "n4", name: "Won", probability: "100", kind: "WON" },
      { key: "n5", name: "Lost", probability: "0", kind: "LOST" },
    ];
  }
  return pipeline.stages.map((s) => ({ key: s.id, id: s.id, name: s.name, probability: String(s.probability), kind: s.kind }));
}

/**
 * Create a pipeline, or edit one: its name, default currency and its stages — reorder with the
 * arrow buttons, rename, re-weight, add, remove (a stage that still holds deals is refused by the
 * API with the count). Exactly one won and one lost stage; the API says so if not. Also: make it
 * the default, archive it (refused while it has open deals).
 */
export function PipelineDialog({ open, onOpenChange, pipeline, onCreated }: { open: boolean; onOpenChange: (open: boolean) => void; pipeline?: Pipeline; onCreated?: (id: string) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{pipeline ? `Pipeline “${pipeline.name}”` : "New pipeline"}</DialogTitle>
          <DialogDescription>Stages in board order, each with the chance that a deal in it is won. The weighted totals and the forecast use these probabilities.</DialogDescription>
        </DialogHeader>
        {open ? <PipelineForm key={pipeline?.id ?? "new"} pipeline={pipeline} onDone={() => onOpenChange(false)} onCreated={onCreated} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PipelineForm({ pipeline, onDone, onCreated }: { pipeline?: Pipeline; onDone: () => void; onCreated?: (id: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(pipeline?.name ?? "");
  const [currency, setCurrency] = useState(pipeline?.currency ?? "USD");
  const [rows, setRows] = useState<StageRow[]>(() => rowsOf(pipeline));
  const [nextKey, setNextKey] = useState(1);
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const create = useMutation(trpc.pipelines.create.mutationOptions());
  const update = useMutation(trpc.pipelines.update.mutationOptions());
  const setStages = useMutation(trpc.pipelines.setStages.mutationOptions());
  const setDefault = useMutation(trpc.pipelines.setDefault.mutationOptions());
  const archive = useMutation(trpc.pipelines.archive.mutationOptions());
  const busy = create.isPending || update.isPending || setStages.isPending;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.pipelines.pathKey() }).then(() => queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() }));

  const change = (key: string, patch: Partial<StageRow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const moveRow = (index: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(index + by, 0, row);
    setRows(next);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const stages = rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name, probability: Number(r.probability), kind: r.kind }));
    const bad = stages.find((s) => !Number.isInteger(s.probability) || s.probability < 0 || s.probability > 100);
    setRowError(bad ? `“${bad.name || "A stage"}”: probability is a whole number from 0 to 100.` : null);
    if (bad) return;
    try {
      if (pipeline) {
        if (name !== pipeline.name || currency !== pipeline.currency) await update.mutateAsync({ pipelineId: pipeline.id, name, currency });
        await setStages.mutateAsync({ pipelineId: pipeline.id, stages });
        toast.success(`Saved “${name.trim()}”`);
      } else {
        const created = await create.mutateAsync({ name, currency, stages });
        toast.success(`Created “${created.name}”`);
        onCreated?.(created.id);
      }
      await refresh();
      onDone();
    } catch (error) {
      const info = apiError(error);
      setFailure({ ...info, fieldErrors: {}, message: info.fieldErrors.name ?? info.fieldErrors.stages ?? info.message });
    }
  }

  async function run(work: () => Promise<unknown>, message: string, undo?: () => Promise<unknown>) {
    try {
      await work();
      toast.success(message, undo ? { action: { label: "Undo", onClick: () => void undo().then(refresh, (error: unknown) => toast.error(apiError(error).message)) } } : undefined);
      await refresh();
      onDone();
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="pipeline-form">
      <FormFailure failure={failure} />
      <div className="grid items-start gap-4 sm:grid-cols-[1fr_8rem]">
        <FormField label="Name" required>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="New business" autoFocus />
        </FormField>
        <FormField label="Currency" description="For new deals.">
          {(control) => <CurrencySelect {...control} value={currency} onValueChange={setCurrency} />}
        </FormField>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Stages</legend>
        {rowError ? (
          <p className="text-sm text-destructive" role="alert">
            {rowError}
          </p>
        ) : null}
        <ol className="grid gap-2">
          {rows.map((row, index) => (
            <li key={row.key} className="grid grid-cols-[auto_1fr_5.5rem_6.5rem_auto] items-center gap-2">
              <div className="flex">
                <Button type="button" variant="ghost" size="icon-sm" aria-label={`Move ${row.name || "stage"} up`} disabled={index === 0} onClick={() => moveRow(index, -1)}>
                  <ArrowUpIcon aria-hidden />
                </Button>
                <Button type="button" variant="ghost" size="icon-sm" aria-label={`Move ${row.name || "stage"} down`} disabled={index === rows.length - 1} onClick={() => moveRow(index, 1)}>
                  <ArrowDownIcon aria-hidden />
                </Button>
              </div>
              <Input aria-label={`Stage ${index + 1} name`} value={row.name} maxLength={60} onChange={(e) => change(row.key, { name: e.target.value })} />
              <div className="flex items-center gap-1">
                <Input aria-label={`${row.name || `Stage ${index + 1}`} probability (%)`} inputMode="numeric" value={row.probability} onChange={(e) => change(row.key, { probability: e.target.value })} className="w-16" />
                <span aria-hidden className="text-sm text-muted-foreground">
                  %
                </span>
              </div>
              <Select value={row.kind} onValueChange={(kind) => change(row.key, { kind: kind as Kind, ...(kind === "WON" ? { probability: "100" } : kind === "LOST" ? { probability: "0" } : {}) })}>
                <SelectTrigger aria-label={`${row.name || `Stage ${index + 1}`} kind`} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(Object.keys(KIND_LABEL) as Kind[]).map((k) => (
                    <SelectItem key={k} value={k}>
                      {KIND_LABEL[k]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <Button type="button" variant="ghost" size="icon-sm" aria-label={`Remove ${row.name || "stage"}`} disabled={rows.length <= 3} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                <Trash2Icon aria-hidden />
              </Button>
            </li>
          ))}
        </ol>
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="w-fit"
          onClick={() => {
            const won = rows.findIndex((r) => r.kind !== "OPEN");
            const at = won < 0 ? rows.length : won;
            setRows([...rows.slice(0, at), { key: `a${nextKey}`, name: "", probability: "50", kind: "OPEN" }, ...rows.slice(at)]);
            setNextKey(nextKey + 1);
          }}
        >
          <PlusIcon aria-hidden /> Add stage
        </Button>
      </fieldset>
      {pipeline ? (
        <>
          <Separator />
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="outline" size="sm" disabled={pipeline.isDefault} onClick={() => void run(() => setDefault.mutateAsync({ pipelineId: pipeline.id }), `“${pipeline.name}” is the default pipeline`)}>
              <StarIcon aria-hidden /> {pipeline.isDefault ? "Default pipeline" : "Make default"}
            </Button>
            <Button type="button" variant="outline" size="sm" onClick={() =>
                void run(
                  () => archive.mutateAsync({ pipelineId: pipeline.id, archived: true }),
                  `Archived “${pipeline.name}”`,
                  () => archive.mutateAsync({ pipelineId: pipeline.id, archived: false }),
                )
              }
            >
              <ArchiveIcon aria-hidden /> Archive pipeline
            </Button>
          </div>
        </>
      ) : null}
      <FormDialogFooter onCancel={onDone} busy={busy} submitLabel={pipeline ? "Save" : "Create pipeline"} />
    </form>
  );
}
