"use client";

import { useId } from "react";
import { Trash2Icon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "@mg/ui/select";
import {
  COMPANY_SUBJECTS,
  CONTACT_DATE_SUBJECTS,
  CONTACT_TEXT_SUBJECTS,
  conditionFor,
  currencyDigits,
  DATE_OPERATORS,
  EMPTY_OPERATORS,
  LIFECYCLE_LABELS,
  LIFECYCLE_STAGES,
  NUMBER_OPERATORS,
  subjectOf,
  TEXT_OPERATORS,
  type Catalog,
  type Condition,
} from "./segment-ui";

/**
 * One condition of the builder: what it tests (subject), how (operator) and against what (value),
 * with pickers per type. Every control has its own accessible name that says which condition it
 * belongs to ("Condition 2 operator"), so a screen reader user can tell rows apart.
 */

type Pair = readonly (readonly [string, string])[];

function Picker({ label, value, options, onChange, className }: { label: string; value: string; options: Pair; onChange: (value: string) => void; className?: string }) {
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger aria-label={label} size="sm" className={className ?? "min-w-36"}>
        <SelectValue placeholder="Choose…" />
      </SelectTrigger>
      <SelectContent>
        {options.map(([v, text]) => (
          <SelectItem key={v} value={v}>
            {text}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function TextValue({ label, value, onChange, type = "text" }: { label: string; value: string | number | undefined; onChange: (value: string) => void; type?: "text" | "number" | "date" }) {
  return <Input aria-label={label} type={type} value={value ?? ""} onChange={(e) => onChange(e.target.value)} className="h-8 w-40" />;
}

/** A set of choices as checkboxes (lifecycle stages, select options). */
function Checkboxes({ label, options, selected, onChange }: { label: string; options: Pair; selected: readonly string[]; onChange: (values: string[]) => void }) {
  const id = useId();
  if (options.length === 0) return <span className="text-sm text-muted-foreground">No options</span>;
  return (
    <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
      <legend className="sr-only">{label}</legend>
      {options.map(([v, text]) => (
        <label key={v} htmlFor={`${id}-${v}`} className="flex items-center gap-1.5 text-sm">
          <input
            id={`${id}-${v}`}
            type="checkbox"
            className="size-4 accent-primary"
            checked={selected.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...selected, v] : selected.filter((s) => s !== v))}
          />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

const days = (raw: string) => Math.max(1, Math.min(3650, Math.round(Number(raw) || 1)));
const num = (raw: string) => (raw === "" ? 0 : Number(raw));
/** "is empty" / "is not empty" test the field itself: no value to type. */
const takesNoValue = (op: string) => op === "is_empty" || op === "is_not_empty";

function TextOperand({ label, condition, onChange }: { label: string; condition: { op: string; value?: string | undefined }; onChange: (patch: { value: string }) => void }) {
  if (takesNoValue(condition.op)) return null;
  return <TextValue label={`${label} value`} value={condition.value} onChange={(v) => onChange({ value: v })} />;
}

function DateOperand({ label, condition, onChange }: { label: string; condition: { op: string; date?: string | undefined; days?: number | undefined }; onChange: (patch: { date?: string; days?: number }) => void }) {
  if (takesNoValue(condition.op)) return null;
  if (condition.op === "before" || condition.op === "after") return <TextValue label={`${label} date`} type="date" value={condition.date} onChange={(v) => onChange({ date: v })} />;
  return (
    <span className="flex items-center gap-1.5 text-sm">
      <TextValue label={`${label} days`} type="number" value={condition.days} onChange={(v) => onChange({ days: days(v) })} /> days
    </span>
  );
}

function NumberOperand({
  label,
  condition,
  scale = 1,
  onChange,
}: {
  label: string;
  condition: { op: string; value?: number | undefined; valueTo?: number | undefined };
  /** Shown value × scale = stored value (currency: major units shown, minor units stored). */
  scale?: number;
  onChange: (patch: { value?: number; valueTo?: number }) => void;
}) {
  if (takesNoValue(condition.op)) return null;
  const shown = (v: number | undefined) => (v === undefined ? "" : v / scale);
  return (
    <span className="flex items-center gap-1.5 text-sm">
      <TextValue label={`${label} value`} type="number" value={shown(condition.value)} onChange={(v) => onChange({ value: Math.round(num(v) * scale) })} />
      {condition.op === "between" ? (
        <>
          and
          <TextValue label={`${label} upper value`} type="number" value={shown(condition.valueTo)} onChange={(v) => onChange({ valueTo: Math.round(num(v) * scale) })} />
        </>
      ) : null}
    </span>
  );
}

function Operand({ label, condition, catalog, onChange }: { label: string; condition: Condition; catalog: Catalog | undefined; onChange: (next: Condition) => void }) {
  const set = (patch: object) => onChange({ ...condition, ...patch } as Condition);
  switch (condition.kind) {
    case "contact_text":
    case "company":
      return <TextOperand label={label} condition={condition} onChange={set} />;
    case "contact_date":
      return <DateOperand label={label} condition={condition} onChange={set} />;
    case "tags":
      return (
        <Input
          aria-label={`${label} tags, separated by commas`}
          placeholder="vip, newsletter"
          defaultValue={condition.values.join(", ")}
          onChange={(e) =>
            set({
              values: e.target.value
                .split(",")
                .map((t) => t.trim())
                .filter(Boolean),
            })
          }
          className="h-8 w-56"
        />
      );
    case "lifecycle":
      return <Checkboxes label={`${label} stages`} options={LIFECYCLE_STAGES.map((s) => [s, LIFECYCLE_LABELS[s]] as const)} selected={condition.values} onChange={(values) => set({ values })} />;
    case "score":
      return <NumberOperand label={label} condition={condition} onChange={set} />;
    case "owner":
      return condition.op === "is" || condition.op === "is_not" ? (
        <Picker
          label={`${label} member`}
          value={condition.userId ?? ""}
          options={(catalog?.owners ?? []).map((o) => [o.id, o.name ?? o.email] as const)}
          onChange={(userId) => set({ userId })}
          className="min-w-44"
        />
      ) : null;
    case "custom": {
      const field = catalog?.customFields.find((f) => f.id === condition.fieldId);
      if (condition.type === "text") return <TextOperand label={label} condition={condition} onChange={set} />;
      if (condition.type === "number") return <NumberOperand label={label} condition={condition} scale={field?.type === "CURRENCY" ? 10 ** currencyDigits(field.currency) : 1} onChange={set} />;
      if (condition.type === "date") return <DateOperand label={label} condition={condition} onChange={set} />;
      if (condition.type === "single_select" || condition.type === "multi_select") {
        if (condition.op === "is_empty") return null;
        return <Checkboxes label={`${label} options`} options={(field?.options ?? []).map((o) => [o.id, o.label] as const)} selected={condition.optionIds ?? []} onChange={(optionIds) => set({ optionIds })} />;
      }
      return null;
    }
    case "consent":
      return (
        <span className="flex flex-wrap items-center gap-1.5 text-sm">
          for
          <Input aria-label={`${label} purpose`} value={condition.purpose} onChange={(e) => set({ purpose: e.target.value })} className="h-8 w-32" />
          is
          <Picker
            label={`${label} consent state`}
            value={condition.state}
            options={[
              ["granted", "granted"],
              ["withdrawn", "withdrawn"],
              ["never", "never given"],
            ]}
            onChange={(state) => set({ state })}
          />
        </span>
      );
    case "deal": {
      const pipelines = catalog?.pipelines ?? [];
      const stages = pipelines.find((p) => p.id === condition.pipelineId)?.stages ?? [];
      return (
        <span className="flex flex-wrap items-center gap-1.5 text-sm">
          in
          <Picker
            label={`${label} pipeline`}
            value={condition.pipelineId ?? "any"}
            options={[["any", "any pipeline"], ...pipelines.map((p) => [p.id, p.name] as const)]}
            onChange={(id) => set({ pipelineId: id === "any" ? undefined : id, stageId: undefined })}
          />
          {condition.pipelineId ? (
            <Picker
              label={`${label} stage`}
              value={condition.stageId ?? "any"}
              options={[["any", "any stage"], ...stages.map((s) => [s.id, s.name] as const)]}
              onChange={(id) => set({ stageId: id === "any" ? undefined : id })}
            />
          ) : null}
        </span>
      );
    }
    case "activity":
      return (
        <span className="flex flex-wrap items-center gap-1.5 text-sm">
          {condition.activity === "form_submitted" ? (
            <Input aria-label={`${label} form id (optional)`} placeholder="Any form" value={condition.formId ?? ""} onChange={(e) => set({ formId: e.target.value.trim() || undefined })} className="h-8 w-44" />
          ) : null}
          in the last
          <TextValue label={`${label} days`} type="number" value={condition.days} onChange={(v) => set({ days: days(v) })} /> days
        </span>
      );
    case "list":
      return (
        <Picker label={`${label} list`} value={condition.listId} options={(catalog?.lists ?? []).map((l) => [l.id, l.name] as const)} onChange={(listId) => set({ listId })} className="min-w-44" />
      );
  }
}

/** Operators that read the same wherever they apply (lifecycle and single selects; tags and multi selects). */
const IN_OPERATORS = [
  ["in", "is one of"],
  ["not_in", "is none of"],
] as const;
const HAS_OPERATORS = [
  ["has_any", "has any of"],
  ["has_all", "has all of"],
] as const;

function operatorsOf(condition: Condition): Pair {
  switch (condition.kind) {
    case "contact_text":
    case "company":
      return TEXT_OPERATORS;
    case "contact_date":
      return DATE_OPERATORS;
    case "tags":
      return [...HAS_OPERATORS, ["has_none", "has none of"]];
    case "lifecycle":
      return IN_OPERATORS;
    case "score":
      return NUMBER_OPERATORS.filter(([op]) => op !== "eq");
    case "owner":
      return [
        ["is", "is"],
        ["is_not", "is not"],
        ["is_empty", "is nobody"],
        ["is_not_empty", "is someone"],
      ];
    case "custom":
      switch (condition.type) {
        case "text":
          return [["equals", "is"], ["contains", "contains"], ...EMPTY_OPERATORS];
        case "number":
          return [...NUMBER_OPERATORS, ...EMPTY_OPERATORS];
        case "date":
          return [...DATE_OPERATORS, ...EMPTY_OPERATORS];
        case "boolean":
          return [
            ["is_true", "is yes"],
            ["is_false", "is no"],
            ["is_empty", "is not set"],
          ];
        case "single_select":
          return [...IN_OPERATORS, ["is_empty", "is empty"]];
        case "multi_select":
          return [...HAS_OPERATORS, ["is_empty", "is empty"]];
      }
      break;
    case "consent":
      return [
        ["EMAIL", "Email"],
        ["SMS", "SMS"],
        ["WHATSAPP", "WhatsApp"],
      ];
    case "deal":
      return [
        ["open", "has an open deal"],
        ["won", "has a won deal"],
        ["lost", "has a lost deal"],
        ["any", "has any deal"],
        ["none", "has no deal"],
      ];
    case "activity":
      return [
        ["email_opened", "opened an email"],
        ["email_clicked", "clicked an email"],
        ["form_submitted", "submitted a form"],
        ["page_visited", "visited a page"],
        ["not:email_opened", "did not open an email"],
        ["not:form_submitted", "did not submit a form"],
      ];
    case "list":
      return [
        ["in", "is in"],
        ["not_in", "is not in"],
      ];
  }
  return [];
}

/** The operator picker's value; consent, deals and activities fold a second property into it. */
function operatorOf(condition: Condition): string {
  switch (condition.kind) {
    case "consent":
      return condition.channel;
    case "deal":
      return condition.has === false ? "none" : (condition.status ?? "any");
    case "activity":
      return condition.has === false ? `not:${condition.activity}` : condition.activity;
    default:
      return condition.op;
  }
}

function withOperator(condition: Condition, value: string): Condition {
  switch (condition.kind) {
    case "consent":
      return { ...condition, channel: value as "EMAIL" };
    case "deal":
      return value === "none" ? { ...condition, has: false, status: "any" } : { ...condition, has: true, status: value as "open" };
    case "activity": {
      const negated = value.startsWith("not:");
      return { ...condition, has: !negated, activity: value.replace("not:", "") as "email_opened" };
    }
    default:
      return { ...condition, op: value } as Condition;
  }
}

export function ConditionEditor({
  label,
  condition,
  catalog,
  onChange,
  onRemove,
}: {
  /** "Condition 2" or "Group 1, condition 3": prefixes every control's accessible name. */
  label: string;
  condition: Condition;
  catalog: Catalog | undefined;
  onChange: (next: Condition) => void;
  onRemove: () => void;
}) {
  const custom = catalog?.customFields ?? [];
  return (
    <li className="flex flex-wrap items-center gap-2 rounded-md border bg-card p-2" data-testid="segment-condition">
      <Select value={subjectOf(condition)} onValueChange={(subject) => onChange(conditionFor(subject, catalog))}>
        <SelectTrigger aria-label={`${label} field`} size="sm" className="min-w-44">
          <SelectValue placeholder="Choose a field" />
        </SelectTrigger>
        <SelectContent>
          <SelectGroup>
            <SelectLabel>Contact</SelectLabel>
            {CONTACT_TEXT_SUBJECTS.map(([field, text]) => (
              <SelectItem key={field} value={`contact_text:${field}`}>
                {text}
              </SelectItem>
            ))}
            {CONTACT_DATE_SUBJECTS.map(([field, text]) => (
              <SelectItem key={field} value={`contact_date:${field}`}>
                {text}
              </SelectItem>
            ))}
            <SelectItem value="tags">Tags</SelectItem>
            <SelectItem value="lifecycle">Lifecycle stage</SelectItem>
            <SelectItem value="score">Score</SelectItem>
            <SelectItem value="owner">Owner</SelectItem>
          </SelectGroup>
          <SelectGroup>
            <SelectLabel>Company</SelectLabel>
            {COMPANY_SUBJECTS.map(([field, text]) => (
              <SelectItem key={field} value={`company:${field}`}>
                {text}
              </SelectItem>
            ))}
          </SelectGroup>
          {custom.length > 0 ? (
            <SelectGroup>
              <SelectLabel>Custom fields</SelectLabel>
              {custom.map((f) => (
                <SelectItem key={f.id} value={`custom:${f.id}`}>
                  {f.label}
                </SelectItem>
              ))}
            </SelectGroup>
          ) : null}
          <SelectGroup>
            <SelectLabel>Activity and relations</SelectLabel>
            <SelectItem value="consent">Consent</SelectItem>
            {(catalog?.pipelines.length ?? 0) > 0 ? <SelectItem value="deal">Deals</SelectItem> : null}
            <SelectItem value="activity">Activity</SelectItem>
            {(catalog?.lists.length ?? 0) > 0 ? <SelectItem value="list">List membership</SelectItem> : null}
          </SelectGroup>
        </SelectContent>
      </Select>
      <Picker label={`${label} operator`} value={operatorOf(condition)} options={operatorsOf(condition)} onChange={(v) => onChange(withOperator(condition, v))} className="min-w-40" />
      <Operand label={label} condition={condition} catalog={catalog} onChange={onChange} />
      <Button type="button" variant="ghost" size="icon-sm" className="ml-auto" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
        <Trash2Icon aria-hidden />
      </Button>
    </li>
  );
}
