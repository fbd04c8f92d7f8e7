"use client";

import { FolderPlusIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { ConditionEditor } from "./condition-editor";
import { conditionFor, type Catalog, type Condition, type Filter, type FilterItem, type Group } from "./segment-ui";

/** Conditions and groups a segment holds at most (the API's limit). */
const MAX_ITEMS = 20;
const FIRST_SUBJECT = "contact_text:email";

function MatchPicker({ label, value, onChange }: { label: string; value: "all" | "any"; onChange: (value: "all" | "any") => void }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as "all" | "any")}>
      <SelectTrigger aria-label={label} size="sm" className="w-auto">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="all">all</SelectItem>
        <SelectItem value="any">any</SelectItem>
      </SelectContent>
    </Select>
  );
}

function GroupEditor({ label, group, catalog, onChange, onRemove }: { label: string; group: Group; catalog: Catalog | undefined; onChange: (next: Group) => void; onRemove: () => void }) {
  const setCondition = (index: number, next: Condition) => onChange({ ...group, conditions: group.conditions.map((c, i) => (i === index ? next : c)) });
  return (
    <li className="grid gap-2 rounded-lg border border-dashed bg-muted/40 p-3" data-testid="segment-group">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>{label}: contacts matching</span>
        <MatchPicker label={`${label} match`} value={group.match} onChange={(match) => onChange({ ...group, match })} />
        <span>of these conditions</span>
        <Button type="button" variant="ghost" size="icon-sm" className="ml-auto" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
          <Trash2Icon aria-hidden />
        </Button>
      </div>
      {group.conditions.length === 0 ? <p className="text-sm text-muted-foreground">An empty group matches every contact. Add a condition to it.</p> : null}
      <ul className="grid gap-2">
        {group.conditions.map((condition, i) => (
          <ConditionEditor
            key={i}
            label={`${label}, condition ${i + 1}`}
            condition={condition}
            catalog={catalog}
            onChange={(next) => setCondition(i, next)}
            onRemove={() => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) })}
          />
        ))}
      </ul>
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={group.conditions.length >= MAX_ITEMS}
          onClick={() => onChange({ ...group, conditions: [...group.conditions, conditionFor(FIRST_SUBJECT, catalog)] })}
        >
          <PlusIcon aria-hidden /> Add condition to {label.toLowerCase()}
        </Button>
      </div>
    </li>
  );
}

/** The root group: all / any of conditions and groups (groups nested once, as the API allows). */
export function FilterBuilder({ filter, catalog, onChange }: { filter: Filter; catalog: Catalog | undefined; onChange: (next: Filter) => void }) {
  const setItem = (index: number, next: FilterItem) => onChange({ ...filter, conditions: filter.conditions.map((c, i) => (i === index ? next : c)) });
  const remove = (index: number) => onChange({ ...filter, conditions: filter.conditions.filter((_, i) => i !== index) });
  let groups = 0;
  let conditions = 0;
  const full = filter.conditions.length >= MAX_ITEMS;
  return (
    <fieldset className="grid gap-3">
      <legend className="sr-only">Conditions</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>Contacts matching</span>
        <MatchPicker label="Match" value={filter.match} onChange={(match) => onChange({ ...filter, match })} />
        <span>of these conditions</span>
      </div>
      {filter.conditions.length === 0 ? <p className="text-sm text-muted-foreground">No conditions yet: the segment holds every contact. Add a condition to narrow it.</p> : null}
      <ul className="grid gap-2">
        {filter.conditions.map((item, i) =>
          item.kind === "group" ? (
            <GroupEditor key={i} label={`Group ${++groups}`} group={item} catalog={catalog} onChange={(next) => setItem(i, next)} onRemove={() => remove(i)} />
          ) : (
            <ConditionEditor key={i} label={`Condition ${++conditions}`} condition={item} catalog={catalog} onChange={(next) => setItem(i, next)} onRemove={() => remove(i)} />
          ),
        )}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" disabled={full} onClick={() => onChange({ ...filter, conditions: [...filter.conditions, conditionFor(FIRST_SUBJECT, catalog)] })} data-testid="add-condition">
          <PlusIcon aria-hidden /> Add condition
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={full}
          onClick={() => onChange({ ...filter, conditions: [...filter.conditions, { kind: "group", match: filter.match === "all" ? "any" : "all", conditions: [conditionFor(FIRST_SUBJECT, catalog)] }] })}
        >
          <FolderPlusIcon aria-hidden /> Add group
        </Button>
      </div>
    </fieldset>
  );
}
