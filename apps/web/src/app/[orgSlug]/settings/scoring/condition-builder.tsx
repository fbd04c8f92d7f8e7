"use client";

import { useQuery } from "@tanstack/react-query";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { useTRPC } from "~/trpc/client";
import { COMPANY_SIZES, LIFECYCLE_LABELS, LIFECYCLE_STAGES } from "../../contacts/crm-ui";
import { ChoiceSelect } from "../../contacts/record-fields";
import { splitList, type FactCondition } from "./scoring-ui";

/**
 * The fact rule's condition: one test of the contact, in the shapes the API validates
 * (schemas/scoring.ts). Lists are typed comma-separated; the server says what is wrong.
 */
type Kind = FactCondition["kind"];
const KIND_CHOICES: readonly (readonly [Kind, string])[] = [
  ["lifecycle", "Lifecycle stage"],
  ["country", "Country (phone, else company)"],
  ["company_size", "Company size"],
  ["has_company", "Has a company"],
  ["job_title", "Job title"],
  ["email_domain", "Email address"],
  ["tags", "Tags"],
  ["custom", "Custom field"],
];

export function defaultCondition(kind: Kind): FactCondition {
  switch (kind) {
    case "lifecycle":
      return { kind, op: "in", values: ["LEAD"] };
    case "country":
      return { kind, op: "in", values: [] };
    case "company_size":
      return { kind, op: "in", values: ["51-200"] };
    case "has_company":
      return { kind, value: true };
    case "job_title":
      return { kind, op: "contains_any", values: [] };
    case "email_domain":
      return { kind, op: "business", values: [] };
    case "tags":
      return { kind, op: "has_any", values: [] };
    case "custom":
      return { kind, type: "text", fieldId: "", op: "is_not_empty" };
  }
}

function ListInput({ label, values, onChange, placeholder }: { label: string; values: readonly string[]; onChange: (values: string[]) => void; placeholder?: string }) {
  return (
    <FormField label={label} description="Separate several with commas.">
      <Input defaultValue={values.join(", ")} placeholder={placeholder} onBlur={(e) => onChange(splitList(e.target.value))} onChange={(e) => onChange(splitList(e.target.value))} />
    </FormField>
  );
}

function CheckList<V extends string>({ legend, options, values, onChange }: { legend: string; options: readonly (readonly [V, string])[]; values: readonly V[]; onChange: (values: V[]) => void }) {
  return (
    <fieldset className="grid gap-1">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-3">
        {options.map(([v, label]) => (
          <label key={v} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" className="size-4 accent-primary" checked={values.includes(v)} onChange={(e) => onChange(e.target.checked ? [...values, v] : values.filter((x) => x !== v))} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const IN_CHOICES = [
  ["in", "is one of"],
  ["not_in", "is none of"],
] as const;

function CustomCondition({ condition, onChange }: { condition: Extract<FactCondition, { kind: "custom" }>; onChange: (c: FactCondition) => void }) {
  const trpc = useTRPC();
  const fields = useQuery(trpc.crmSettings.fieldList.queryOptions({ object: "CONTACT", includeArchived: false }));
  const usable = (fields.data ?? []).filter((f) => ["TEXT", "LONG_TEXT", "EMAIL", "URL", "PHONE", "NUMBER", "CURRENCY", "BOOLEAN", "SINGLE_SELECT"].includes(f.type));
  const field = usable.find((f) => f.id === condition.fieldId);
  const pick = (fieldId: string) => {
    const def = usable.find((f) => f.id === fieldId);
    if (!def) return;
    if (def.type === "NUMBER" || def.type === "CURRENCY") onChange({ kind: "custom", type: "number", fieldId, op: "gt", value: 0 });
    else if (def.type === "BOOLEAN") onChange({ kind: "custom", type: "boolean", fieldId, op: "is_true" });
    else if (def.type === "SINGLE_SELECT") onChange({ kind: "custom", type: "single_select", fieldId, op: "in", optionIds: def.options[0] ? [def.options[0].id] : [] });
    else onChange({ kind: "custom", type: "text", fieldId, op: "is_not_empty" });
  };
  if (fields.isPending) return <p className="text-sm text-muted-foreground">Loading custom fields…</p>;
  if (usable.length === 0) return <p className="text-sm text-muted-foreground">No contact fields of a type a rule can test (text, number, yes/no, single select). Add one in CRM settings.</p>;
  return (
    <div className="grid gap-3">
      <FormField label="Field">{(control) => <ChoiceSelect {...control} className="w-full" value={condition.fieldId || "none"} onChange={pick} choices={[["none", "Choose a field"], ...usable.map((f) => [f.id, f.label] as const)]} />}</FormField>
      {field && condition.type === "text" ? (
        <>
          <FormField label="Test">
            {(control) => (
              <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={[["is_not_empty", "has a value"], ["is_empty", "is empty"], ["equals", "equals"], ["contains", "contains"]]} />
            )}
          </FormField>
          {condition.op === "equals" || condition.op === "contains" ? (
            <FormField label="Value">
              <Input value={condition.value ?? ""} onChange={(e) => onChange({ ...condition, value: e.target.value })} />
            </FormField>
          ) : null}
        </>
      ) : null}
      {field && condition.type === "number" ? (
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Test">
            {(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={[["gt", "greater than"], ["lt", "less than"], ["eq", "equals"], ["is_not_empty", "has a value"]]} />}
          </FormField>
          {condition.op !== "is_not_empty" ? (
            <FormField label={field.type === "CURRENCY" ? "Amount (cents)" : "Number"}>
              <Input type="number" value={condition.value ?? 0} onChange={(e) => onChange({ ...condition, value: Number(e.target.value) })} />
            </FormField>
          ) : null}
        </div>
      ) : null}
      {field && condition.type === "boolean" ? (
        <FormField label="Test">{(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={[["is_true", "is yes"], ["is_false", "is no"]]} />}</FormField>
      ) : null}
      {field && condition.type === "single_select" ? (
        <CheckList legend="Is one of" options={field.options.filter((o) => !o.archived).map((o) => [o.id, o.label] as const)} values={condition.optionIds} onChange={(optionIds) => onChange({ ...condition, optionIds })} />
      ) : null}
    </div>
  );
}

export function ConditionBuilder({ condition, onChange }: { condition: FactCondition; onChange: (c: FactCondition) => void }) {
  return (
    <div className="grid gap-3 rounded-lg border p-3">
      <FormField label="Condition on">{(control) => <ChoiceSelect {...control} className="w-full" value={condition.kind} onChange={(kind) => onChange(defaultCondition(kind))} choices={KIND_CHOICES} />}</FormField>
      {condition.kind === "lifecycle" ? (
        <>
          <FormField label="Test">{(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={IN_CHOICES} />}</FormField>
          <CheckList legend="Stages" options={LIFECYCLE_STAGES.map((s) => [s, LIFECYCLE_LABELS[s]] as const)} values={condition.values} onChange={(values) => onChange({ ...condition, values })} />
        </>
      ) : null}
      {condition.kind === "country" ? (
        <>
          <FormField label="Test">{(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={IN_CHOICES} />}</FormField>
          <ListInput label="Countries (two-letter codes)" placeholder="DE, AT, CH" values={condition.values} onChange={(values) => onChange({ ...condition, values: values.map((v) => v.toUpperCase()) })} />
        </>
      ) : null}
      {condition.kind === "company_size" ? (
        <>
          <FormField label="Test">{(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={IN_CHOICES} />}</FormField>
          <CheckList legend="Sizes" options={COMPANY_SIZES.map((s) => [s, `${s} people`] as const)} values={condition.values} onChange={(values) => onChange({ ...condition, values })} />
        </>
      ) : null}
      {condition.kind === "has_company" ? (
        <FormField label="Test">
          {(control) => <ChoiceSelect {...control} className="w-full" value={condition.value ? "yes" : "no"} onChange={(v) => onChange({ ...condition, value: v === "yes" })} choices={[["yes", "has a company"], ["no", "has no company"]]} />}
        </FormField>
      ) : null}
      {condition.kind === "job_title" ? (
        <>
          <FormField label="Test">
            {(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={[["contains_any", "contains any of"], ["contains_none", "contains none of"]]} />}
          </FormField>
          <ListInput label="Words" placeholder="owner, head, director" values={condition.values} onChange={(values) => onChange({ ...condition, values })} />
        </>
      ) : null}
      {condition.kind === "email_domain" ? (
        <>
          <FormField label="Test">
            {(control) => (
              <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={[["business", "is a business address"], ["free_mail", "is a free-mail address"], ["in", "domain is one of"], ["not_in", "domain is none of"]]} />
            )}
          </FormField>
          {condition.op === "in" || condition.op === "not_in" ? <ListInput label="Domains" placeholder="example.com" values={condition.values} onChange={(values) => onChange({ ...condition, values })} /> : null}
        </>
      ) : null}
      {condition.kind === "tags" ? (
        <>
          <FormField label="Test">
            {(control) => <ChoiceSelect {...control} className="w-full" value={condition.op} onChange={(op) => onChange({ ...condition, op })} choices={[["has_any", "has any of"], ["has_all", "has all of"], ["has_none", "has none of"]]} />}
          </FormField>
          <ListInput label="Tags" values={condition.values} onChange={(values) => onChange({ ...condition, values })} />
        </>
      ) : null}
      {condition.kind === "custom" ? <CustomCondition condition={condition} onChange={onChange} /> : null}
    </div>
  );
}
