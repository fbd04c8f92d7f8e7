"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, SaveIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import type { AppRouter } from "@mg/api";
import {
  CONSENT_CHANNELS,
  CONTACT_FIELD_KINDS,
  CONTACT_FIELD_LABELS,
  CONTACT_FIELD_TARGETS,
  CUSTOM_FIELD_KINDS,
  FORM_FIELD_KIND_LABELS,
  FORM_FIELD_KINDS,
  VALIDATION_PRESET_LABELS,
  VALIDATION_PRESETS,
  formUpdateInput,
  type FormField,
  type FormFieldKind,
  type FormWriteInput,
} from "@mg/api/schemas/forms";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { Switch } from "@mg/ui/switch";
import { Textarea } from "@mg/ui/textarea";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { NativeSelect } from "./native-select";
import { FormPreview } from "./form-preview";

type FormData = inferRouterOutputs<AppRouter>["forms"]["get"];
type Step = FormWriteInput["definition"]["steps"][number];
type CustomField = FormData["customFields"][number];

function toWrite(form: FormData["form"]): FormWriteInput {
  return {
    name: form.name,
    slug: form.slug,
    definition: form.definition,
    consents: form.consents.map(({ id, channel, purpose, wording, required }) => ({ id, channel, purpose, wording, required })),
    doubleOptIn: form.doubleOptIn,
    thankYou: form.thankYou,
    ownerUserId: form.ownerUserId,
    tags: form.tags,
  };
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function freshKey(existing: readonly string[], base: string): string {
  let key = base;
  for (let n = 2; existing.includes(key); n += 1) key = `${base}_${n}`;
  return key;
}

/** The mapping choices a field kind may take: compatible contact fields and custom fields, or none. */
function mappingOptions(kind: FormFieldKind, customFields: readonly CustomField[]) {
  return [
    { value: "none", label: "Not saved on the contact" },
    ...CONTACT_FIELD_TARGETS.filter((t) => CONTACT_FIELD_KINDS[t].includes(kind)).map((t) => ({ value: `contact:${t}`, label: `Contact: ${CONTACT_FIELD_LABELS[t]}` })),
    ...customFields.filter((c) => CUSTOM_FIELD_KINDS[kind].includes(c.type)).map((c) => ({ value: `custom:${c.id}`, label: `Custom field: ${c.label}` })),
  ];
}

function mappingValue(field: FormField): string {
  return field.mapsTo.kind === "contact" ? `contact:${field.mapsTo.field}` : field.mapsTo.kind === "custom" ? `custom:${field.mapsTo.definitionId}` : "none";
}

function parseMapping(value: string): FormField["mapsTo"] {
  const [kind, target] = value.split(":");
  if (kind === "contact" && target && (CONTACT_FIELD_TARGETS as readonly string[]).includes(target)) return { kind: "contact", field: target as (typeof CONTACT_FIELD_TARGETS)[number] };
  if (kind === "custom" && target) return { kind: "custom", definitionId: target };
  return { kind: "none" };
}

function FieldEditor({ field, customFields, onChange, idPrefix }: { field: FormField; customFields: readonly CustomField[]; onChange: (next: FormField) => void; idPrefix: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const hasOptions = field.kind === "select" || field.kind === "multiselect";
  const textual = field.kind === "text" || field.kind === "textarea";
  return (
    <div className="grid gap-3 rounded-md border bg-muted/30 p-3 sm:grid-cols-2">
      <div className="grid gap-1.5">
        <Label htmlFor={id("label")}>Label</Label>
        <Input id={id("label")} value={field.label} onChange={(e) => onChange({ ...field, label: e.target.value })} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={id("kind")}>Type</Label>
        <NativeSelect
          id={id("kind")}
          value={field.kind}
          onChange={(e) => {
            const kind = e.target.value as FormFieldKind;
            const allowed = mappingOptions(kind, customFields).map((o) => o.value);
            onChange({ ...field, kind, mapsTo: allowed.includes(mappingValue(field)) ? field.mapsTo : { kind: "none" }, ...(kind === "select" || kind === "multiselect" ? { options: field.options ?? [{ value: "option_1", label: "Option 1" }] } : {}) });
          }}
        >
          {FORM_FIELD_KINDS.map((k) => (
            <option key={k} value={k}>
              {FORM_FIELD_KIND_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={id("maps")}>Saved as</Label>
        <NativeSelect id={id("maps")} value={mappingValue(field)} onChange={(e) => onChange({ ...field, mapsTo: parseMapping(e.target.value) })}>
          {mappingOptions(field.kind, customFields).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={id("key")}>Key</Label>
        <Input id={id("key")} value={field.id} onChange={(e) => onChange({ ...field, id: e.target.value })} aria-describedby={id("key-help")} />
        <p id={id("key-help")} className="text-xs text-muted-foreground">
          The field&apos;s name in exports and the API.
        </p>
      </div>
      <div className="grid gap-1.5 sm:col-span-2">
        <Label htmlFor={id("help")}>Help text</Label>
        <Input id={id("help")} value={field.helpText ?? ""} onChange={(e) => onChange({ ...field, helpText: e.target.value || undefined })} />
      </div>
      {field.kind === "hidden" ? (
        <div className="grid gap-1.5 sm:col-span-2">
          <Label htmlFor={id("default")}>Value</Label>
          <Input id={id("default")} value={field.defaultValue ?? ""} onChange={(e) => onChange({ ...field, defaultValue: e.target.value || undefined })} aria-describedby={id("default-help")} />
          <p id={id("default-help")} className="text-xs text-muted-foreground">
            A fixed value, or ?name to take it from the page address (e.g. ?utm_source).
          </p>
        </div>
      ) : null}
      {field.kind === "phone" ? (
        <div className="grid gap-1.5">
          <Label htmlFor={id("country")}>Country for numbers without +code</Label>
          <Input id={id("country")} maxLength={2} value={field.defaultCountry ?? ""} onChange={(e) => onChange({ ...field, defaultCountry: e.target.value.toUpperCase() || undefined })} placeholder="GB" />
        </div>
      ) : null}
      {hasOptions ? (
        <div className="grid gap-1.5 sm:col-span-2">
          <Label htmlFor={id("options")}>Options (one per line: value | label)</Label>
          <Textarea
            id={id("options")}
            rows={4}
            value={(field.options ?? []).map((o) => `${o.value} | ${o.label}`).join("\n")}
            onChange={(e) =>
              onChange({
                ...field,
                options: e.target.value
                  .split("\n")
                  .map((line) => line.split("|").map((p) => p.trim()))
                  .filter(([v]) => v)
                  .map(([v, l]) => ({ value: v ?? "", label: l || v || "" })),
              })
            }
          />
        </div>
      ) : null}
      {textual ? (
        <>
          <div className="grid gap-1.5">
            <Label htmlFor={id("preset")}>Allowed characters</Label>
            <NativeSelect id={id("preset")} value={field.validation?.preset ?? "none"} onChange={(e) => onChange({ ...field, validation: { ...field.validation, preset: e.target.value as (typeof VALIDATION_PRESETS)[number] } })}>
              {VALIDATION_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {VALIDATION_PRESET_LABELS[p]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div className="grid gap-1.5">
              <Label htmlFor={id("min")}>Min length</Label>
              <Input id={id("min")} type="number" min={0} value={field.validation?.minLength ?? ""} onChange={(e) => onChange({ ...field, validation: { ...field.validation, minLength: e.target.value === "" ? undefined : Number(e.target.value) } })} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={id("max")}>Max length</Label>
              <Input id={id("max")} type="number" min={1} value={field.validation?.maxLength ?? ""} onChange={(e) => onChange({ ...field, validation: { ...field.validation, maxLength: e.target.value === "" ? undefined : Number(e.target.value) } })} />
            </div>
          </div>
        </>
      ) : null}
      <div className="flex items-center gap-2">
        <Switch id={id("required")} checked={field.required} onCheckedChange={(required) => onChange({ ...field, required })} />
        <Label htmlFor={id("required")}>Required</Label>
      </div>
    </div>
  );
}

export function FormBuilder({ data }: { data: FormData }) {
  const { can } = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = can("forms.edit");
  const [draft, setDraft] = useState<FormWriteInput>(() => toWrite(data.form));
  const [open, setOpen] = useState<string | null>(null);
  const [newKind, setNewKind] = useState<FormFieldKind>("text");
  const [issues, setIssues] = useState<string[]>([]);
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: can("users.read") });
  const update = useMutation(trpc.forms.update.mutationOptions());
  const steps = draft.definition.steps;
  const keys = steps.flatMap((s) => s.fields.map((f) => f.id));

  const setSteps = (next: Step[]) => setDraft({ ...draft, definition: { ...draft.definition, steps: next } });
  const setStep = (index: number, step: Step) => setSteps(steps.map((s, i) => (i === index ? step : s)));

  function addField(stepIndex: number) {
    const step = steps[stepIndex];
    if (!step) return;
    const key = freshKey(keys, newKind === "multiselect" ? "choices" : newKind);
    const field: FormField = { id: key, kind: newKind, label: FORM_FIELD_KIND_LABELS[newKind], required: false, mapsTo: { kind: "none" }, ...(newKind === "select" || newKind === "multiselect" ? { options: [{ value: "option_1", label: "Option 1" }] } : {}) };
    setStep(stepIndex, { ...step, fields: [...step.fields, field] });
    setOpen(`${stepIndex}:${key}`);
  }

  async function save() {
    const parsed = formUpdateInput.safeParse({ ...draft, formId: data.form.id, revision: data.form.revision });
    if (!parsed.success) {
      setIssues(parsed.error.issues.map((i) => i.message));
      return;
    }
    setIssues([]);
    try {
      await update.mutateAsync(parsed.data);
      toast.success("Form saved", { description: "New visitors see this version." });
      await queryClient.invalidateQueries({ queryKey: trpc.forms.pathKey() });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const memberOptions = members.data ? [...members.data.members.map((m) => m.user), ...members.data.inherited.map((m) => m.user)] : [];

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <div className="grid content-start gap-6">
        {issues.length > 0 ? (
          <Alert variant="destructive">
            <AlertTitle>The form cannot be saved yet</AlertTitle>
            <AlertDescription>
              <ul className="list-disc pl-4">
                {issues.map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            </AlertDescription>
          </Alert>
        ) : null}

        <section aria-labelledby="form-settings" className="grid gap-3 rounded-lg border p-4">
          <h2 id="form-settings" className="font-semibold">
            Settings
          </h2>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="grid gap-1.5">
              <Label htmlFor="form-name">Name</Label>
              <Input id="form-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="form-slug">Address</Label>
              <Input id="form-slug" value={draft.slug} onChange={(e) => setDraft({ ...draft, slug: e.target.value })} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="form-submit">Button text</Label>
              <Input id="form-submit" value={draft.definition.submitLabel} onChange={(e) => setDraft({ ...draft, definition: { ...draft.definition, submitLabel: e.target.value } })} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="form-owner">New leads go to</Label>
              <NativeSelect id="form-owner" value={draft.ownerUserId ?? ""} onChange={(e) => setDraft({ ...draft, ownerUserId: e.target.value || null })}>
                <option value="">Lead routing (round robin in the settings)</option>
                {memberOptions.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name ?? u.email}
                  </option>
                ))}
                {draft.ownerUserId && !memberOptions.some((u) => u.id === draft.ownerUserId) ? <option value={draft.ownerUserId}>Current owner</option> : null}
              </NativeSelect>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="form-thanks-kind">After sending</Label>
              <NativeSelect
                id="form-thanks-kind"
                value={draft.thankYou.kind}
                onChange={(e) => setDraft({ ...draft, thankYou: e.target.value === "url" ? { kind: "url", url: "https://" } : { kind: "message", message: "Thank you! We will get back to you shortly." } })}
              >
                <option value="message">Show a thank-you message</option>
                <option value="url">Go to a page (redirect)</option>
              </NativeSelect>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="form-thanks">{draft.thankYou.kind === "url" ? "Page address (https:// or /path)" : "Message"}</Label>
              {draft.thankYou.kind === "url" ? (
                <Input id="form-thanks" value={draft.thankYou.url} onChange={(e) => setDraft({ ...draft, thankYou: { kind: "url", url: e.target.value } })} />
              ) : (
                <Textarea id="form-thanks" rows={2} value={draft.thankYou.message} onChange={(e) => setDraft({ ...draft, thankYou: { kind: "message", message: e.target.value } })} />
              )}
            </div>
            <div className="flex items-center gap-2 sm:col-span-2">
              <Switch id="form-doi" checked={draft.doubleOptIn} onCheckedChange={(doubleOptIn) => setDraft({ ...draft, doubleOptIn })} aria-describedby="form-doi-help" />
              <Label htmlFor="form-doi">Double opt-in</Label>
              <p id="form-doi-help" className="text-xs text-muted-foreground">
                Consent counts only after the visitor confirms by email.
              </p>
            </div>
          </div>
        </section>

        <section aria-labelledby="form-fields" className="grid gap-4 rounded-lg border p-4">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="form-fields" className="font-semibold">
              Fields
            </h2>
            <div className="flex items-end gap-2">
              <div className="grid gap-1.5">
                <Label htmlFor="new-field-kind">New field type</Label>
                <NativeSelect id="new-field-kind" value={newKind} onChange={(e) => setNewKind(e.target.value as FormFieldKind)} className="w-44">
                  {FORM_FIELD_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {FORM_FIELD_KIND_LABELS[k]}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <Button variant="outline" onClick={() => setSteps([...steps, { title: `Step ${steps.length + 1}`, fields: [] }])} disabled={steps.length >= 10}>
                <PlusIcon aria-hidden /> Add step
              </Button>
            </div>
          </div>
          {steps.map((step, s) => (
            <div key={s} className="grid gap-2 rounded-md border p-3" role="group" aria-label={`Step ${s + 1}`}>
              <div className="flex flex-wrap items-end gap-2">
                <div className="grid flex-1 gap-1.5">
                  <Label htmlFor={`step-${s}-title`}>{steps.length > 1 ? `Step ${s + 1} title` : "Title (optional)"}</Label>
                  <Input id={`step-${s}-title`} value={step.title ?? ""} onChange={(e) => setStep(s, { ...step, title: e.target.value || undefined })} />
                </div>
                {steps.length > 1 ? (
                  <Button variant="ghost" onClick={() => setSteps(steps.filter((_, i) => i !== s))} aria-label={`Remove step ${s + 1}`}>
                    <Trash2Icon aria-hidden /> Remove step
                  </Button>
                ) : null}
              </div>
              <ol className="grid gap-2">
                {step.fields.map((field, f) => {
                  const key = `${s}:${field.id}`;
                  const expanded = open === key;
                  return (
                    <li key={`${field.id}-${f}`} className="grid gap-2">
                      <div className="flex flex-wrap items-center gap-2 rounded-md border px-3 py-2">
                        <button type="button" className="flex-1 text-left font-medium underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : key)}>
                          {field.label || "Untitled field"}
                          <span className="ml-2 text-xs font-normal text-muted-foreground">
                            {FORM_FIELD_KIND_LABELS[field.kind]}
                            {field.required ? " · required" : ""}
                            {field.mapsTo.kind !== "none" ? ` · ${mappingOptions(field.kind, data.customFields).find((o) => o.value === mappingValue(field))?.label ?? "mapped"}` : ""}
                          </span>
                        </button>
                        <Button variant="ghost" size="icon-sm" aria-label={`Move ${field.label} up`} disabled={f === 0} onClick={() => setStep(s, { ...step, fields: move(step.fields, f, f - 1) })}>
                          <ArrowUpIcon aria-hidden />
                        </Button>
                        <Button variant="ghost" size="icon-sm" aria-label={`Move ${field.label} down`} disabled={f === step.fields.length - 1} onClick={() => setStep(s, { ...step, fields: move(step.fields, f, f + 1) })}>
                          <ArrowDownIcon aria-hidden />
                        </Button>
                        <Button variant="ghost" size="icon-sm" aria-label={`Remove ${field.label}`} onClick={() => setStep(s, { ...step, fields: step.fields.filter((_, i) => i !== f) })}>
                          <Trash2Icon aria-hidden />
                        </Button>
                      </div>
                      {expanded ? <FieldEditor idPrefix={`field-${s}-${f}`} field={field} customFields={data.customFields} onChange={(next) => setStep(s, { ...step, fields: step.fields.map((x, i) => (i === f ? next : x)) })} /> : null}
                    </li>
                  );
                })}
              </ol>
              <div>
                <Button variant="outline" size="sm" onClick={() => addField(s)}>
                  <PlusIcon aria-hidden /> Add {FORM_FIELD_KIND_LABELS[newKind].toLowerCase()} field
                </Button>
              </div>
            </div>
          ))}
        </section>

        <section aria-labelledby="form-consents" className="grid gap-3 rounded-lg border p-4">
          <div className="flex items-center justify-between gap-2">
            <h2 id="form-consents" className="font-semibold">
              Consent checkboxes
            </h2>
            <Button
              variant="outline"
              size="sm"
              disabled={draft.consents.length >= 10}
              onClick={() => setDraft({ ...draft, consents: [...draft.consents, { id: freshKey(draft.consents.map((c) => c.id), "consent"), channel: "EMAIL", purpose: "marketing", wording: "", required: false }] })}
            >
              <PlusIcon aria-hidden /> Add consent
            </Button>
          </div>
          <p className="text-sm text-muted-foreground">Shown unticked. Changing the wording starts a new version; each contact&apos;s consent record names the version they agreed to.</p>
          {draft.consents.map((consent, i) => {
            const stored = data.form.consents.find((c) => c.id === consent.id);
            const set = (next: Partial<typeof consent>) => setDraft({ ...draft, consents: draft.consents.map((c, j) => (j === i ? { ...c, ...next } : c)) });
            return (
              <div key={`${consent.id}-${i}`} className="grid gap-2 rounded-md border p-3 sm:grid-cols-3" role="group" aria-label={`Consent ${i + 1}`}>
                <div className="grid gap-1.5">
                  <Label htmlFor={`consent-${i}-channel`}>Channel</Label>
                  <NativeSelect id={`consent-${i}-channel`} value={consent.channel} onChange={(e) => set({ channel: e.target.value as (typeof CONSENT_CHANNELS)[number] })}>
                    {CONSENT_CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {c === "EMAIL" ? "Email" : c === "SMS" ? "SMS" : "WhatsApp"}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="grid gap-1.5">
                  <Label htmlFor={`consent-${i}-purpose`}>Purpose</Label>
                  <Input id={`consent-${i}-purpose`} value={consent.purpose} onChange={(e) => set({ purpose: e.target.value })} />
                </div>
                <div className="flex items-end gap-2 pb-2">
                  <Switch id={`consent-${i}-required`} checked={consent.required} onCheckedChange={(required) => set({ required })} />
                  <Label htmlFor={`consent-${i}-required`}>Required</Label>
                </div>
                <div className="grid gap-1.5 sm:col-span-3">
                  <Label htmlFor={`consent-${i}-wording`}>Exact wording{stored ? ` (version ${stored.version}${stored.wording !== consent.wording ? ", edited: saving makes a new version" : ""})` : ""}</Label>
                  <Textarea id={`consent-${i}-wording`} rows={2} value={consent.wording} onChange={(e) => set({ wording: e.target.value })} />
                </div>
                <div className="sm:col-span-3">
                  <Button variant="ghost" size="sm" onClick={() => setDraft({ ...draft, consents: draft.consents.filter((_, j) => j !== i) })}>
                    <Trash2Icon aria-hidden /> Remove consent
                  </Button>
                </div>
              </div>
            );
          })}
        </section>

        {canEdit ? (
          <div className="sticky bottom-0 z-10 flex justify-end border-t bg-background/95 py-3">
            <Button onClick={() => void save()} disabled={update.isPending}>
              <SaveIcon aria-hidden /> {update.isPending ? "Saving…" : "Save form"}
            </Button>
          </div>
        ) : null}
      </div>
      <aside aria-labelledby="form-preview" className="grid content-start gap-2 lg:sticky lg:top-4">
        <h2 id="form-preview" className="font-semibold">
          Live preview
        </h2>
        <FormPreview draft={draft} formId={data.form.id} />
      </aside>
    </div>
  );
}
