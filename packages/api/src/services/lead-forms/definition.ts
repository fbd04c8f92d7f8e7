import type { RenderableForm, RenderableFormField } from "@mg/pages";
import type { TenantDb } from "@mg/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  CUSTOM_FIELD_KINDS,
  FORM_FIELD_KIND_LABELS,
  formDefinitionSchema,
  storedConsentSchema,
  thankYouSchema,
  type ConsentItemInput,
  type FormDefinition,
  type FormField,
  type StoredConsent,
  type ThankYou,
} from "../../schemas/forms";

/**
 * A lead form's stored JSON read back through the same schemas that wrote it, and what the public
 * surfaces render from it. Consent wording is versioned here: editing an item's wording (or its
 * channel/purpose) retires the old wording into `previous` with its time span and bumps the version,
 * so a consent record always names the exact wording the visitor saw.
 */
export interface LeadFormRow {
  id: string;
  name: string;
  slug: string;
  definition: unknown;
  consents: unknown;
  doubleOptIn: boolean;
  thankYou: unknown;
  ownerUserId: string | null;
  revision: number;
  status: string;
}

export function parseDefinition(raw: unknown): FormDefinition {
  const parsed = formDefinitionSchema.safeParse(raw);
  // A stored definition always passed the schema; one that no longer does renders as no fields
  // rather than failing the public page with an error.
  return parsed.success ? parsed.data : { steps: [{ fields: [] }], submitLabel: "Send" };
}

export function parseConsents(raw: unknown): StoredConsent[] {
  const parsed = z.array(storedConsentSchema).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

export function parseThankYou(raw: unknown): ThankYou {
  const parsed = thankYouSchema.safeParse(raw);
  return parsed.success ? parsed.data : { kind: "message", message: "Thank you. We will be in touch." };
}

export function allFields(definition: FormDefinition): FormField[] {
  return definition.steps.flatMap((s) => s.fields);
}

/** The stored consents after an edit: unchanged wording keeps its version, changed wording bumps it. */
export function versionConsents(previous: readonly StoredConsent[], next: readonly ConsentItemInput[], now: Date = new Date()): StoredConsent[] {
  const at = now.toISOString();
  return next.map((item) => {
    const old = previous.find((p) => p.id === item.id);
    if (!old) return { ...item, version: 1, since: at, previous: [] };
    const same = old.wording === item.wording && old.channel === item.channel && old.purpose === item.purpose;
    if (same) return { ...old, required: item.required };
    return { ...item, version: old.version + 1, since: at, previous: [...old.previous, { version: old.version, wording: old.wording, since: old.since, until: at }] };
  });
}

/** The wording (and its version) of `consent` that was on screen at `at` (a render token's time). */
export function wordingAt(consent: StoredConsent, at: Date): { version: number; wording: string } {
  const t = at.getTime();
  if (t >= new Date(consent.since).getTime()) return { version: consent.version, wording: consent.wording };
  const earlier = consent.previous.find((p) => t >= new Date(p.since).getTime() && t < new Date(p.until).getTime());
  return earlier ? { version: earlier.version, wording: earlier.wording } : { version: consent.version, wording: consent.wording };
}

/** What LeadFormMarkup renders: no mapping, no owner, nothing the visitor need not see. */
export function renderableForm(form: LeadFormRow, turnstileSiteKey: string | null): RenderableForm {
  const definition = parseDefinition(form.definition);
  const field = (f: FormField): RenderableFormField => ({
    id: f.id,
    kind: f.kind,
    label: f.label,
    required: f.required,
    ...(f.helpText ? { helpText: f.helpText } : {}),
    ...(f.placeholder ? { placeholder: f.placeholder } : {}),
    ...(f.options ? { options: f.options } : {}),
    ...(f.defaultValue ? { defaultValue: f.defaultValue } : {}),
    ...(f.validation ? { validation: f.validation } : {}),
    ...(f.defaultCountry ? { defaultCountry: f.defaultCountry } : {}),
  });
  return {
    id: form.id,
    name: form.name,
    revision: form.revision,
    steps: definition.steps.map((s) => ({ ...(s.title ? { title: s.title } : {}), fields: s.fields.map(field) })),
    submitLabel: definition.submitLabel,
    consents: parseConsents(form.consents).map((c) => ({ id: c.id, wording: c.wording, version: c.version, required: c.required })),
    ...(turnstileSiteKey ? { turnstileSiteKey } : {}),
  };
}

/**
 * BAD_REQUEST unless every custom-field mapping names a live contact field of a type the field's
 * kind can write (a select also needs the field's own options).
 */
export async function assertCustomMappings(db: TenantDb, definition: FormDefinition): Promise<void> {
  const wanted = allFields(definition).flatMap((f) => (f.mapsTo.kind === "custom" ? [{ field: f, definitionId: f.mapsTo.definitionId }] : []));
  if (wanted.length === 0) return;
  const defs = await db.customFieldDefinition.findMany({
    where: { id: { in: wanted.map((w) => w.definitionId) }, object: "CONTACT", archivedAt: null },
    select: { id: true, label: true, type: true, options: true },
  });
  for (const { field, definitionId } of wanted) {
    const def = defs.find((d) => d.id === definitionId);
    if (!def) throw new TRPCError({ code: "BAD_REQUEST", message: `“${field.label}” is mapped to a custom field that does not exist or is archived.` });
    if (!CUSTOM_FIELD_KINDS[field.kind].includes(def.type)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `A ${FORM_FIELD_KIND_LABELS[field.kind].toLowerCase()} field cannot fill the custom field “${def.label}” (${def.type.toLowerCase().replace("_", " ")}).` });
    }
    if ((def.type === "SINGLE_SELECT" || def.type === "MULTI_SELECT") && field.options) {
      const ids = new Set(z.array(z.object({ id: z.string() }).loose()).catch([]).parse(def.options).map((o) => o.id));
      const stray = field.options.find((o) => !ids.has(o.value));
      if (stray) throw new TRPCError({ code: "BAD_REQUEST", message: `The option “${stray.label}” of “${field.label}” is not an option of the custom field “${def.label}” (use its option ids as values).` });
    }
  }
}
