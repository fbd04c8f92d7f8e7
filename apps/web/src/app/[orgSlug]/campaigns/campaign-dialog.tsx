"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { createCampaignInput, KPI_METRICS, updateCampaignInput, type KpiMetric } from "@mg/api/schemas";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { cn } from "@mg/ui/lib/utils";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Textarea } from "@mg/ui/textarea";
import { CurrencySelect } from "~/components/currency-select";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { addDays, dateInZone } from "./dates";
import { KPI_LABELS, type Campaign } from "./kpi";

const COLORS = ["#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#ec4899", "#8b5cf6", "#64748b"] as const;

interface KpiRow {
  key: number;
  metric: KpiMetric;
  target: string;
}

/** Engagement rate is typed as a percentage and stored as a fraction (0.05 = 5 %). */
function toStoredTarget(metric: KpiMetric, text: string): number {
  const value = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value)) return Number.NaN;
  return metric === "engagementRate" ? value / 100 : value;
}

function toShownTarget(metric: KpiMetric, value: number): string {
  return String(metric === "engagementRate" ? Math.round(value * 10_000) / 100 : value);
}

/**
 * Create or edit a campaign. Controlled by the caller (`open` / `onOpenChange`) so it can be
 * opened from a button, a menu item or a page header; the form starts fresh on every opening.
 */
export function CampaignDialog({ campaign, open, onOpenChange }: { campaign?: Campaign; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{campaign ? `Edit “${campaign.name}”` : "New campaign"}</DialogTitle>
          <DialogDescription>Group posts around one goal, set the numbers you want to reach, and follow them on the campaign’s page.</DialogDescription>
        </DialogHeader>
        {open ? <CampaignForm key={campaign?.id ?? "new"} campaign={campaign} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CampaignForm({ campaign, onDone }: { campaign?: Campaign; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org } = useOrg();
  const [initial] = useState(() => {
    const today = dateInZone(new Date(), org.timezone);
    return {
      name: campaign?.name ?? "",
      goal: campaign?.goal ?? "",
      startsOn: campaign?.startsOn ?? today,
      endsOn: campaign?.endsOn ?? addDays(today, 30),
      budget: campaign?.budgetCents != null ? String(campaign.budgetCents / 100) : "",
      currency: campaign?.currency ?? "USD",
      color: campaign?.color ?? COLORS[0],
      kpis: (campaign?.kpiTargets ?? []).map((kpi, i): KpiRow => ({ key: i, metric: kpi.metric, target: toShownTarget(kpi.metric, kpi.target) })),
    };
  });
  const [name, setName] = useState(initial.name);
  const [goal, setGoal] = useState(initial.goal);
  const [startsOn, setStartsOn] = useState(initial.startsOn);
  const [endsOn, setEndsOn] = useState(initial.endsOn);
  const [budget, setBudget] = useState(initial.budget);
  const [currency, setCurrency] = useState(initial.currency);
  const [color, setColor] = useState(initial.color);
  const [kpis, setKpis] = useState<KpiRow[]>(initial.kpis);
  const [nextKey, setNextKey] = useState(initial.kpis.length);

  const create = useMutation(trpc.campaigns.create.mutationOptions());
  const update = useMutation(trpc.campaigns.update.mutationOptions());
  const createForm = useSchemaForm(createCampaignInput, { conflictField: "name" });
  const updateForm = useSchemaForm(updateCampaignInput, { conflictField: "name" });
  const form = campaign ? updateForm : createForm;
  const { fieldErrors, failure } = form;
  const [budgetError, setBudgetError] = useState<string | null>(null);
  const [kpiError, setKpiError] = useState<string | null>(null);

  const usedMetrics = new Set(kpis.map((k) => k.metric));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const budgetValue = budget.trim() === "" ? null : Number(budget.replace(",", "."));
    if (budgetValue !== null && (!Number.isFinite(budgetValue) || budgetValue < 0)) {
      setBudgetError("Enter the budget as a positive amount, such as 1500 or 1500.50.");
      return;
    }
    setBudgetError(null);
    const missingTarget = kpis.find((k) => Number.isNaN(toStoredTarget(k.metric, k.target)));
    setKpiError(missingTarget ? `Enter a number for “${KPI_LABELS[missingTarget.metric]}”, or remove that target.` : null);
    if (missingTarget) return;
    const values = {
      name,
      goal: goal.trim() || null,
      kpiTargets: kpis.map((k) => ({ metric: k.metric, target: toStoredTarget(k.metric, k.target) })),
      budgetCents: budgetValue === null ? null : Math.round(budgetValue * 100),
      currency,
      startsOn,
      endsOn,
      color,
    };
    const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
    if (campaign) {
      await updateForm.submit({ campaignId: campaign.id, ...values }, async (input) => {
        const saved = await update.mutateAsync(input);
        toast.success(`Saved “${saved.name}”`);
        await invalidate();
        onDone();
      });
    } else {
      await createForm.submit(values, async (input) => {
        const saved = await create.mutateAsync(input);
        toast.success(`Created “${saved.name}”`);
        await invalidate();
        void queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() });
        onDone();
      });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-5" noValidate data-testid="campaign-form">
      <FormFailure failure={failure} />
      <FormField label="Name" error={fieldErrors.name} required>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="Spring launch" autoFocus />
      </FormField>
      <FormField label="Goal" description="What should this campaign achieve? Your team sees it next to every post in it." error={fieldErrors.goal}>
        <Textarea value={goal} onChange={(e) => setGoal(e.target.value)} rows={2} maxLength={2000} placeholder="Fill the spring workshops: 200 sign-ups by the end of April." />
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Starts on" error={fieldErrors.startsOn} required>
          <Input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
        </FormField>
        <FormField label="Ends on" error={fieldErrors.endsOn} required>
          <Input type="date" value={endsOn} min={startsOn || undefined} onChange={(e) => setEndsOn(e.target.value)} />
        </FormField>
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-[1fr_10rem]">
        <FormField label="Budget" description="Optional. Tracked for reference; nothing is charged." error={budgetError ?? fieldErrors.budgetCents}>
          <Input type="number" inputMode="decimal" min={0} step="0.01" value={budget} onChange={(e) => setBudget(e.target.value)} placeholder="0.00" />
        </FormField>
        <FormField label="Currency" error={fieldErrors.currency}>
          {(control) => <CurrencySelect {...control} value={currency} onValueChange={setCurrency} />}
        </FormField>
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Color</legend>
        <div className="flex flex-wrap items-center gap-2" role="radiogroup" aria-label="Campaign color">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={color.toLowerCase() === c}
              aria-label={c}
              onClick={() => setColor(c)}
              className={cn(
                "size-7 rounded-full border-2 border-transparent outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background",
                color.toLowerCase() === c && "ring-2 ring-foreground ring-offset-2 ring-offset-background",
              )}
              style={{ backgroundColor: c }}
            />
          ))}
          <label className="ml-1 inline-flex items-center gap-2 text-sm text-muted-foreground">
            Custom
            <input type="color" value={color} onChange={(e) => setColor(e.target.value)} className="h-7 w-10 cursor-pointer rounded border bg-transparent" />
          </label>
        </div>
        {fieldErrors.color ? <p className="text-sm font-medium text-destructive">{fieldErrors.color}</p> : null}
      </fieldset>

      <fieldset className="grid gap-3" data-testid="kpi-rows">
        <legend className="mb-1 text-sm font-medium">KPI targets</legend>
        <p className="-mt-1 text-sm text-muted-foreground">The numbers that mean success. Progress is measured from the published posts of the campaign.</p>
        {kpis.length === 0 ? <p className="rounded-md border border-dashed px-3 py-4 text-center text-sm text-muted-foreground">No targets yet.</p> : null}
        {kpis.map((row, index) => (
          <KpiRowEditor
            key={row.key}
            row={row}
            index={index}
            disabledMetrics={usedMetrics}
            onChange={(next) => setKpis((rows) => rows.map((r) => (r.key === row.key ? next : r)))}
            onRemove={() => setKpis((rows) => rows.filter((r) => r.key !== row.key))}
          />
        ))}
        {kpiError || fieldErrors.kpiTargets ? (
          <p className="text-sm font-medium text-destructive" role="alert">
            {kpiError ?? fieldErrors.kpiTargets}
          </p>
        ) : null}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={usedMetrics.size >= KPI_METRICS.length || kpis.length >= 20}
            onClick={() => {
              const metric = KPI_METRICS.find((m) => !usedMetrics.has(m)) ?? "impressions";
              setKpis((rows) => [...rows, { key: nextKey, metric, target: "" }]);
              setNextKey((k) => k + 1);
            }}
          >
            <PlusIcon aria-hidden /> Add target
          </Button>
        </div>
      </fieldset>

      <FormDialogFooter onCancel={onDone} busy={create.isPending || update.isPending} submitLabel={campaign ? "Save changes" : "Create campaign"} />
    </form>
  );
}

function KpiRowEditor({ row, index, disabledMetrics, onChange, onRemove }: { row: KpiRow; index: number; disabledMetrics: Set<KpiMetric>; onChange: (row: KpiRow) => void; onRemove: () => void }): ReactNode {
  const percent = row.metric === "engagementRate";
  return (
    <div className="grid grid-cols-[1fr_8rem_auto] items-center gap-2 sm:grid-cols-[1fr_10rem_auto]" data-testid="kpi-row">
      <Select value={row.metric} onValueChange={(value) => onChange({ ...row, metric: value as KpiMetric })}>
        <SelectTrigger className="w-full" aria-label={`Metric of target ${index + 1}`}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {KPI_METRICS.map((m) => (
            <SelectItem key={m} value={m} disabled={m !== row.metric && disabledMetrics.has(m)}>
              {KPI_LABELS[m]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <div className="relative">
        <Input
          type="number"
          inputMode="decimal"
          min={0}
          step={percent ? "0.1" : "1"}
          value={row.target}
          onChange={(e) => onChange({ ...row, target: e.target.value })}
          aria-label={`Target for ${KPI_LABELS[row.metric]}`}
          placeholder={percent ? "5" : "10000"}
          className={percent ? "pr-7" : undefined}
          required
        />
        {percent ? <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-muted-foreground">%</span> : null}
      </div>
      <Button type="button" variant="ghost" size="icon-sm" onClick={onRemove} aria-label={`Remove target ${KPI_LABELS[row.metric]}`}>
        <Trash2Icon aria-hidden />
      </Button>
    </div>
  );
}
