"use client";

import { useState, type FormEvent } from "react";
import { CheckIcon, PencilIcon, XIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Textarea } from "@mg/ui/textarea";
import { apiError } from "~/lib/errors";
import { formatCustomValue, type CustomValue, type FieldDefinition } from "./crm-ui";

const NONE = "__none__";

/** The editor's text for a value (currency in major units). */
function toText(def: FieldDefinition, value: CustomValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (def.type === "CURRENCY" && typeof value === "number") return (value / 100).toFixed(2);
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}

/** What the API takes from the editor's text; a string error when it cannot be read. */
function fromText(def: FieldDefinition, text: string, multi: string[]): CustomValue | { error: string } {
  const t = text.trim();
  switch (def.type) {
    case "NUMBER":
    case "CURRENCY": {
      if (t === "") return null;
      const n = Number(t.replace(",", "."));
      if (!Number.isFinite(n)) return { error: "Enter a number." };
      return def.type === "CURRENCY" ? Math.round(n * 100) : n;
    }
    case "BOOLEAN":
      return t === "" ? null : t === "true";
    case "MULTI_SELECT":
      return multi;
    default:
      return t === "" ? null : t;
  }
}

/**
 * One custom field on a 360° page: its value, and — for members who may edit — an in-place editor
 * fitted to the field's type. Saving sends only this field; the server checks it against the
 * definition and answers with the reason when it does not fit.
 */
export function CustomFieldEditor({ def, value, canEdit, onSave }: { def: FieldDefinition; value: CustomValue | undefined; canEdit: boolean; onSave: (value: CustomValue) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => toText(def, value));
  const [multi, setMulti] = useState<string[]>(() => (Array.isArray(value) ? value : []));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = `cf-${def.id}`;
  const shown = formatCustomValue(def, value);

  function start() {
    setText(toText(def, value));
    setMulti(Array.isArray(value) ? value : []);
    setError(null);
    setEditing(true);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = fromText(def, text, multi);
    if (next !== null && typeof next === "object" && !Array.isArray(next)) {
      setError(next.error);
      return;
    }
    setSaving(true);
    try {
      await onSave(next);
      setEditing(false);
    } catch (e) {
      setError(apiError(e).message);
    } finally {
      setSaving(false);
    }
  }

  if (!editing) {
    return (
      // A <dl>'s group holds only <dt> and <dd>: the edit button is a second <dd>, placed in the grid.
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-2 py-1.5">
        <dt className="col-start-1 text-xs text-muted-foreground">{def.label}</dt>
        <dd className="col-start-1 text-sm break-words">{shown || <span className="text-muted-foreground">—</span>}</dd>
        {canEdit ? (
          <dd className="col-start-2 row-span-2 row-start-1">
            <Button variant="ghost" size="icon-sm" onClick={start} aria-label={`Edit ${def.label}`}>
              <PencilIcon aria-hidden />
            </Button>
          </dd>
        ) : null}
      </div>
    );
  }

  const live = def.options.filter((o) => !o.archived);
  return (
    <div className="grid gap-1.5 py-1.5">
      <dt>
        <label htmlFor={inputId} className="text-xs text-muted-foreground">
          {def.label}
        </label>
      </dt>
      <dd>
        <form onSubmit={submit} className="grid gap-1.5" noValidate>
          {def.type === "SINGLE_SELECT" || def.type === "BOOLEAN" ? (
            <Select value={text === "" ? NONE : text} onValueChange={(v) => setText(v === NONE ? "" : v)}>
              <SelectTrigger id={inputId} className="w-full" aria-invalid={error ? true : undefined}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>—</SelectItem>
                {def.type === "BOOLEAN" ? (
                  <>
                    <SelectItem value="true">Yes</SelectItem>
                    <SelectItem value="false">No</SelectItem>
                  </>
                ) : (
                  live.map((o) => (
                    <SelectItem key={o.id} value={o.id}>
                      {o.label}
                    </SelectItem>
                  ))
                )}
              </SelectContent>
            </Select>
          ) : def.type === "MULTI_SELECT" ? (
            <fieldset id={inputId} className="flex flex-wrap gap-3">
              <legend className="sr-only">{def.label}</legend>
              {live.map((o) => (
                <label key={o.id} className="inline-flex items-center gap-1.5 text-sm">
                  <input type="checkbox" className="size-4 accent-primary" checked={multi.includes(o.id)} onChange={(e) => setMulti(e.target.checked ? [...multi, o.id] : multi.filter((id) => id !== o.id))} />
                  {o.label}
                </label>
              ))}
            </fieldset>
          ) : def.type === "LONG_TEXT" ? (
            <Textarea id={inputId} value={text} onChange={(e) => setText(e.target.value)} rows={3} autoFocus aria-invalid={error ? true : undefined} />
          ) : (
            <Input
              id={inputId}
              autoFocus
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error ? true : undefined}
              type={def.type === "DATE" ? "date" : def.type === "NUMBER" || def.type === "CURRENCY" ? "number" : def.type === "EMAIL" ? "email" : def.type === "URL" ? "url" : def.type === "PHONE" ? "tel" : "text"}
              step={def.type === "CURRENCY" ? "0.01" : undefined}
            />
          )}
          {error ? (
            <p className="text-xs text-destructive" role="alert">
              {error}
            </p>
          ) : null}
          <div className="flex gap-1">
            <Button type="submit" size="sm" disabled={saving}>
              <CheckIcon aria-hidden /> Save
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>
              <XIcon aria-hidden /> Cancel
            </Button>
          </div>
        </form>
      </dd>
    </div>
  );
}
