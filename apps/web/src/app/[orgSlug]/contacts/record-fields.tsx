"use client";

import type { ComponentProps, ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@mg/ui/button";
import { DialogFooter } from "@mg/ui/dialog";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { useTRPC } from "~/trpc/client";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStage, type MemberOption } from "./crm-ui";

/**
 * The field editors the CRM's forms, quick edits and filters share: one select drawn from
 * [value, label] pairs, the choices for owner, lifecycle stage and company, and a dialog's
 * Cancel / submit row. The trigger takes what FormField hands its control (id, aria-*), or an
 * aria-label where the select stands alone.
 */

/** The select value for "nobody" / "no company" (Radix selects cannot hold an empty value). */
export const NONE = "__none__";

export type Choice<V extends string> = readonly [value: V, label: ReactNode];
// The trigger is a button: its own value / onChange / disabled are the select's, not passed through.
type TriggerProps = Omit<ComponentProps<typeof SelectTrigger>, "children" | "value" | "onChange" | "disabled">;

export function ChoiceSelect<V extends string>({ value, onChange, choices, disabled, ...trigger }: { value: V; onChange: (value: V) => void; choices: readonly Choice<V>[]; disabled?: boolean } & TriggerProps) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as V)} disabled={disabled}>
      <SelectTrigger {...trigger}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {choices.map(([v, label]) => (
          <SelectItem key={v} value={v}>
            {label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export const LIFECYCLE_CHOICES: readonly Choice<LifecycleStage>[] = LIFECYCLE_STAGES.map((s) => [s, LIFECYCLE_LABELS[s]] as const);

/** "Nobody" (as `nobody`, which differs between a filter and a form), then everyone who may own a record. */
export function ownerChoices(members: MemberOption[], nobody: string = NONE): Choice<string>[] {
  return [[nobody, "Nobody"], ...members.map((m) => [m.id, m.name] as const)];
}

/** A contact's company: "No company" or one of the first 200 by name (the same list every form shares from the cache). */
export function CompanySelect({ value, onChange, ...trigger }: { value: string | null; onChange: (companyId: string | null) => void } & TriggerProps) {
  const trpc = useTRPC();
  const companies = useQuery(trpc.companies.list.queryOptions({ limit: 200, sort: { field: "name", direction: "asc" } }));
  const choices: Choice<string>[] = [[NONE, "No company"], ...(companies.data?.rows ?? []).map((c) => [c.id, c.name] as const)];
  return <ChoiceSelect value={value ?? NONE} onChange={(v) => onChange(v === NONE ? null : v)} choices={choices} {...trigger} />;
}

/** A dialog form's last row: Cancel, and the submit button (disabled, with its busy words, while pending). */
export function FormFooter({ onCancel, submitLabel, pending = false, pendingLabel }: { onCancel: () => void; submitLabel: string; pending?: boolean; pendingLabel?: string }) {
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {pending && pendingLabel ? pendingLabel : submitLabel}
      </Button>
    </DialogFooter>
  );
}
