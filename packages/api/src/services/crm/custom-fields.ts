import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { Prisma, type TenantDb } from "@mg/db";
import type { CrmObjectName, CustomFieldTypeName, CustomFieldValueInput, FieldOption } from "../../schemas/crm/custom-fields";
import { normalizeEmail, normalizePhone } from "./normalize";

/**
 * Custom fields: definitions per object and typed values (custom_field_values), one column per
 * type so filters and sorts use an index. Values refer to a field by id and to options by their
 * stable id, so renaming a field or an option never touches — or loses — a value.
 * The import (services/crm/import) reuses parseCustomFieldValue and writeCustomFieldValues.
 */
export interface FieldDefinition {
  id: string;
  object: CrmObjectName;
  key: string;
  label: string;
  type: CustomFieldTypeName;
  options: FieldOption[];
  currency: string | null;
  position: number;
  archivedAt: Date | null;
}

export const FIELD_DEFINITION_SELECT = { id: true, object: true, key: true, label: true, type: true, options: true, currency: true, position: true, archivedAt: true } as const;

function readOptions(raw: unknown): FieldOption[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((o): FieldOption[] => {
    if (typeof o !== "object" || o === null) return [];
    const r = o as Record<string, unknown>;
    if (typeof r.id !== "string" || typeof r.label !== "string") return [];
    return [{ id: r.id, label: r.label, ...(typeof r.color === "string" ? { color: r.color } : {}), ...(r.archived === true ? { archived: true } : {}) }];
  });
}

export function toFieldDefinition(row: { id: string; object: CrmObjectName; key: string; label: string; type: CustomFieldTypeName; options: unknown; currency: string | null; position: number; archivedAt: Date | null }): FieldDefinition {
  return { ...row, options: readOptions(row.options) };
}

export async function loadFieldDefinitions(db: TenantDb, object: CrmObjectName, options: { includeArchived?: boolean } = {}): Promise<FieldDefinition[]> {
  const rows = await db.customFieldDefinition.findMany({
    where: { object, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: FIELD_DEFINITION_SELECT,
  });
  return rows.map(toFieldDefinition);
}

/** A new option's stable id. */
export function newOptionId(): string {
  return `opt_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
}

/** The database columns of one value (null: clear it). */
export interface ValueColumns {
  valueText: string | null;
  valueNumber: Prisma.Decimal | null;
  valueDate: Date | null;
  valueBool: boolean | null;
  valueOptions: string[];
}

export type ValueCheck = { ok: true; columns: ValueColumns | null; value: CustomFieldValueInput } | { ok: false; reason: string };

const EMPTY: ValueColumns = { valueText: null, valueNumber: null, valueDate: null, valueBool: null, valueOptions: [] };
const MAX_NUMBER = 1e15;

function isEmpty(value: CustomFieldValueInput): boolean {
  return value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

/**
 * Checks an API value against its definition and gives the typed columns. Select values must name
 * a live option of the field (archived options keep their values but take no new ones).
 */
export function checkCustomFieldValue(def: FieldDefinition, value: CustomFieldValueInput, context: { country?: string | null } = {}): ValueCheck {
  if (isEmpty(value)) return { ok: true, columns: null, value: null };
  const fail = (reason: string): ValueCheck => ({ ok: false, reason: `${def.label}: ${reason}` });
  switch (def.type) {
    case "TEXT":
    case "LONG_TEXT": {
      if (typeof value !== "string") return fail("expects text.");
      const max = def.type === "TEXT" ? 500 : 10_000;
      const text = value.trim();
      if (text.length > max) return fail(`use at most ${max} characters.`);
      return { ok: true, columns: { ...EMPTY, valueText: text }, value: text };
    }
    case "URL": {
      if (typeof value !== "string") return fail("expects a web address.");
      const text = value.trim();
      const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
      let url: URL;
      try {
        url = new URL(withScheme);
      } catch {
        return fail(`"${text}" is not a web address.`);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") return fail("use an http or https address.");
      if (!url.hostname.includes(".")) return fail(`"${text}" is not a web address.`);
      if (url.href.length > 2000) return fail("the address is too long.");
      return { ok: true, columns: { ...EMPTY, valueText: url.href }, value: url.href };
    }
    case "EMAIL": {
      if (typeof value !== "string") return fail("expects an email address.");
      const email = normalizeEmail(value);
      if (!email) return fail(`"${value.trim()}" is not an email address.`);
      return { ok: true, columns: { ...EMPTY, valueText: email }, value: email };
    }
    case "PHONE": {
      if (typeof value !== "string") return fail("expects a phone number.");
      const phone = normalizePhone(value, context.country);
      if (!phone.ok) return fail(phone.reason);
      return { ok: true, columns: { ...EMPTY, valueText: phone.e164 }, value: phone.e164 };
    }
    case "NUMBER": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail("expects a number.");
      if (Math.abs(value) >= MAX_NUMBER) return fail("the number is too large.");
      const rounded = Math.round(value * 10_000) / 10_000;
      return { ok: true, columns: { ...EMPTY, valueNumber: new Prisma.Decimal(rounded) }, value: rounded };
    }
    case "CURRENCY": {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) return fail("expects an amount in minor units (cents).");
      if (Math.abs(value) >= MAX_NUMBER) return fail("the amount is too large.");
      return { ok: true, columns: { ...EMPTY, valueNumber: new Prisma.Decimal(value) }, value };
    }
    case "DATE": {
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fail("expects a date such as 2026-03-31.");
      const date = new Date(`${value}T00:00:00.000Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return fail(`${value} is not a date.`);
      return { ok: true, columns: { ...EMPTY, valueDate: date }, value };
    }
    case "BOOLEAN": {
      if (typeof value !== "boolean") return fail("expects yes or no.");
      return { ok: true, columns: { ...EMPTY, valueBool: value }, value };
    }
    case "SINGLE_SELECT": {
      if (typeof value !== "string") return fail("expects one option.");
      const option = def.options.find((o) => o.id === value && !o.archived);
      if (!option) return fail(`"${value}" is not one of its options.`);
      return { ok: true, columns: { ...EMPTY, valueText: option.id }, value: option.id };
    }
    case "MULTI_SELECT": {
      if (!Array.isArray(value)) return fail("expects a list of options.");
      const ids = [...new Set(value)];
      const unknown = ids.find((id) => !def.options.some((o) => o.id === id && !o.archived));
      if (unknown !== undefined) return fail(`"${unknown}" is not one of its options.`);
      return { ok: true, columns: { ...EMPTY, valueOptions: ids }, value: ids };
    }
  }
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "ja", "oui", "si", "sí", "x", "✓"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "nein", "non"]);

function optionByText(def: FieldDefinition, text: string): FieldOption | undefined {
  const wanted = text.trim().toLowerCase();
  return def.options.find((o) => !o.archived && (o.id === text.trim() || o.label.trim().toLowerCase() === wanted));
}

/**
 * Reads a value from text (a CSV cell, a form field) for `definition`: numbers with either decimal
 * separator style, currency amounts in major units ("12.50" → 1250 minor units), yes/no words,
 * dates as YYYY-MM-DD (or DD/MM/YYYY), select options by label or id, multi select split on ; or ,.
 * Empty text is `null` (clear). The result is then checked by checkCustomFieldValue.
 */
export function parseCustomFieldValue(definition: FieldDefinition, raw: string, context: { country?: string | null } = {}): ValueCheck {
  const text = raw.trim();
  if (text === "") return { ok: true, columns: null, value: null };
  const fail = (reason: string): ValueCheck => ({ ok: false, reason: `${definition.label}: ${reason}` });
  switch (definition.type) {
    case "NUMBER":
    case "CURRENCY": {
      const cleaned = text.replace(/[\s\u00a0'’]/g, "").replace(/^[^\d+-]+|[^\d]+$/g, "");
      // "1.234,56" (comma decimal) and "1,234.56" (point decimal) both read as 1234.56.
      const lastComma = cleaned.lastIndexOf(",");
      const lastPoint = cleaned.lastIndexOf(".");
      const normalized = lastComma > lastPoint ? cleaned.replace(/\./g, "").replace(",", ".") : cleaned.replace(/,/g, "");
      const number = Number(normalized);
      if (normalized === "" || !Number.isFinite(number)) return fail(`"${text}" is not a number.`);
      const value = definition.type === "CURRENCY" ? Math.round(number * 100) : number;
      return checkCustomFieldValue(definition, value, context);
    }
    case "BOOLEAN": {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return checkCustomFieldValue(definition, true, context);
      if (FALSE_WORDS.has(word)) return checkCustomFieldValue(definition, false, context);
      return fail(`"${text}" is not yes or no.`);
    }
    case "DATE": {
      const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
      const iso = dmy ? `${dmy[3]}-${(dmy[2] ?? "").padStart(2, "0")}-${(dmy[1] ?? "").padStart(2, "0")}` : text.slice(0, 10);
      return checkCustomFieldValue(definition, iso, context);
    }
    case "SINGLE_SELECT": {
      const option = optionByText(definition, text);
      if (!option) return fail(`"${text}" is not one of its options (${definition.options.filter((o) => !o.archived).map((o) => o.label).join(", ")}).`);
      return checkCustomFieldValue(definition, option.id, context);
    }
    case "MULTI_SELECT": {
      const parts = text.split(/[;,]/).map((p) => p.trim()).filter((p) => p !== "");
      const ids: string[] = [];
      for (const part of parts) {
        const option = optionByText(definition, part);
        if (!option) return fail(`"${part}" is not one of its options.`);
        ids.push(option.id);
      }
      return checkCustomFieldValue(definition, ids, context);
    }
    default:
      return checkCustomFieldValue(definition, text, context);
  }
}

/** The API value of stored columns. */
export function valueFromColumns(def: FieldDefinition, row: { valueText: string | null; valueNumber: Prisma.Decimal | null; valueDate: Date | null; valueBool: boolean | null; valueOptions: string[] }): CustomFieldValueInput {
  switch (def.type) {
    case "NUMBER":
    case "CURRENCY":
      return row.valueNumber === null ? null : row.valueNumber.toNumber();
    case "DATE":
      return row.valueDate ? row.valueDate.toISOString().slice(0, 10) : null;
    case "BOOLEAN":
      return row.valueBool;
    case "MULTI_SELECT":
      return row.valueOptions;
    default:
      return row.valueText;
  }
}

/** A value in words, for the timeline's "field changed" entries. */
export function describeValue(def: FieldDefinition, value: CustomFieldValueInput): string | null {
  if (value === null) return null;
  if (def.type === "SINGLE_SELECT" && typeof value === "string") return def.options.find((o) => o.id === value)?.label ?? value;
  if (def.type === "MULTI_SELECT" && Array.isArray(value)) return value.map((id) => def.options.find((o) => o.id === id)?.label ?? id).join(", ");
  if (def.type === "BOOLEAN") return value ? "Yes" : "No";
  if (def.type === "CURRENCY" && typeof value === "number") return `${(value / 100).toFixed(2)}${def.currency ? ` ${def.currency}` : ""}`;
  return String(value).slice(0, 2000);
}

type RecordColumn = "contactId" | "companyId" | "dealId";
const RECORD_COLUMN: Record<CrmObjectName, RecordColumn> = { CONTACT: "contactId", COMPANY: "companyId", DEAL: "dealId" };

/** Stored values of many records: recordId → fieldId → value. */
export async function readCustomFieldValues(db: TenantDb, object: CrmObjectName, recordIds: readonly string[], definitions: readonly FieldDefinition[]): Promise<Map<string, Record<string, CustomFieldValueInput>>> {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const result = new Map<string, Record<string, CustomFieldValueInput>>();
  if (recordIds.length === 0 || definitions.length === 0) return result;
  const column = RECORD_COLUMN[object];
  const rows = await db.customFieldValue.findMany({
    where: { [column]: { in: [...recordIds] }, fieldId: { in: [...byId.keys()] } },
    select: { fieldId: true, contactId: true, companyId: true, dealId: true, valueText: true, valueNumber: true, valueDate: true, valueBool: true, valueOptions: true },
  });
  for (const row of rows) {
    const recordId = row[column];
    const def = byId.get(row.fieldId);
    if (!recordId || !def) continue;
    const values = result.get(recordId) ?? {};
    values[row.fieldId] = valueFromColumns(def, row);
    result.set(recordId, values);
  }
  return result;
}

export interface FieldChange {
  fieldId: string;
  label: string;
  from: string | null;
  to: string | null;
}

/**
 * Writes custom field values of one record (fieldId → value; null or empty clears), each checked
 * against its definition. Unknown or archived fields and invalid values are BAD_REQUEST naming the
 * field; nothing is written then. Returns what changed, for the timeline.
 */
export async function writeCustomFieldValues(
  db: TenantDb,
  organizationId: string,
  object: CrmObjectName,
  recordId: string,
  values: Readonly<Record<string, CustomFieldValueInput>>,
  context: { country?: string | null; definitions?: readonly FieldDefinition[] } = {},
): Promise<FieldChange[]> {
  const fieldIds = Object.keys(values);
  if (fieldIds.length === 0) return [];
  const definitions = context.definitions ?? (await loadFieldDefinitions(db, object));
  const byId = new Map(definitions.filter((d) => d.object === object && d.archivedAt === null).map((d) => [d.id, d]));
  const checked: { def: FieldDefinition; columns: ValueColumns | null; value: CustomFieldValueInput }[] = [];
  for (const fieldId of fieldIds) {
    const def = byId.get(fieldId);
    // An unknown id (or another organization's) is answered like any unknown record.
    if (!def) throw new TRPCError({ code: "NOT_FOUND", message: "Custom field not found (it may have been archived). Reload and try again." });
    const result = checkCustomFieldValue(def, values[fieldId] ?? null, context);
    if (!result.ok) throw new TRPCError({ code: "BAD_REQUEST", message: result.reason });
    checked.push({ def, columns: result.columns, value: result.value });
  }
  const column = RECORD_COLUMN[object];
  const before = (await readCustomFieldValues(db, object, [recordId], [...byId.values()])).get(recordId) ?? {};
  const changes: FieldChange[] = [];
  for (const { def, columns, value } of checked) {
    const from = describeValue(def, before[def.id] ?? null);
    const to = describeValue(def, value);
    if (from === to) continue;
    changes.push({ fieldId: def.id, label: def.label, from, to });
    if (columns === null) {
      await db.customFieldValue.deleteMany({ where: { fieldId: def.id, [column]: recordId } });
      continue;
    }
    const existing = await db.customFieldValue.findFirst({ where: { fieldId: def.id, [column]: recordId }, select: { id: true } });
    if (existing) {
      await db.customFieldValue.update({ where: { organizationId_id: { organizationId, id: existing.id } }, data: columns });
    } else {
      await db.customFieldValue.create({ data: { organizationId, fieldId: def.id, [column]: recordId, ...columns } });
    }
  }
  return changes;
}

/** A field's key from its label: lowercase words joined by "_", unique per object (archived ones included). */
export async function uniqueFieldKey(db: TenantDb, object: CrmObjectName, label: string): Promise<string> {
  const base =
    label
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "field";
  const existing = new Set((await db.customFieldDefinition.findMany({ where: { object, key: { startsWith: base } }, select: { key: true } })).map((d) => d.key));
  if (!existing.has(base)) return base;
  for (let n = 2; ; n++) if (!existing.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * The option list after an edit: options named by id keep that id (a rename is a new label on the
 * same id, so every stored value still points at it); new ones get an id; options left out are
 * kept archived rather than dropped, so no stored value is orphaned.
 */
export function mergeOptions(existing: readonly FieldOption[], edited: readonly { id?: string; label: string; color?: string; archived?: boolean }[]): FieldOption[] {
  const out: FieldOption[] = [];
  const seenLabels = new Set<string>();
  for (const option of edited) {
    const known = option.id ? existing.find((o) => o.id === option.id) : undefined;
    if (option.id && !known) throw new TRPCError({ code: "BAD_REQUEST", message: `Option "${option.label}" is not one of this field's options. Reload and try again.` });
    const label = option.label.trim();
    const lower = label.toLowerCase();
    if (seenLabels.has(lower)) throw new TRPCError({ code: "BAD_REQUEST", message: `Two options are called "${label}".` });
    seenLabels.add(lower);
    out.push({ id: known?.id ?? newOptionId(), label, ...(option.color ? { color: option.color } : {}), ...(option.archived ? { archived: true } : {}) });
  }
  for (const old of existing) if (!out.some((o) => o.id === old.id)) out.push({ ...old, archived: true });
  return out;
}
