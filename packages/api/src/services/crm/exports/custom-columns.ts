import type { CrmObject, TenantDb } from "@mg/db";
import type { CsvValue } from "../../../csv/write-csv";
import { assignableMembers } from "../segments/members";

/**
 * Custom fields as export columns: one column per live definition of the object, headed by its
 * label, each value written from its typed column the way the app shows it (option labels, not
 * ids; currency in major units; dates as ISO days).
 */
export interface ExportField {
  id: string;
  label: string;
  type: string;
  options: Map<string, string>;
  currency: string | null;
}

/**
 * The object's live custom fields in the app's order — or, for the later parts of a background
 * export, exactly the fields its header was written with (`fieldIds`, in that order; one archived
 * since keeps its column, one deleted since leaves it empty).
 */
export async function exportFields(db: TenantDb, object: CrmObject, fieldIds?: readonly string[]): Promise<ExportField[]> {
  const defs = await db.customFieldDefinition.findMany({
    where: fieldIds ? { object, id: { in: [...fieldIds] } } : { object, archivedAt: null },
    orderBy: [{ position: "asc" }, { label: "asc" }],
    select: { id: true, label: true, type: true, options: true, currency: true },
  });
  const fields = defs.map((d) => ({ id: d.id, label: d.label, type: d.type, currency: d.currency, options: optionLabels(d.options) }));
  if (!fieldIds) return fields;
  const byId = new Map(fields.map((f) => [f.id, f]));
  return fieldIds.map((id) => byId.get(id) ?? { id, label: "", type: "TEXT", currency: null, options: new Map<string, string>() });
}

function optionLabels(raw: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  if (!Array.isArray(raw)) return labels;
  for (const o of raw as unknown[]) {
    if (typeof o !== "object" || o === null) continue;
    const { id, label } = o as { id?: unknown; label?: unknown };
    if (typeof id === "string") labels.set(id, typeof label === "string" ? label : id);
  }
  return labels;
}

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Minor units as an exact decimal ("1234.50"). A negative amount is written as a number instead:
 * the formula-safe writer would otherwise mark a text starting with "-" as not-a-formula.
 */
export function decimalCell(minor: bigint, currency: string): CsvValue {
  const digits = currencyDigits(currency);
  if (minor < 0n) return Number(minor) / 10 ** digits;
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

type ValueRow = { fieldId: string; valueText: string | null; valueNumber: { toString(): string } | null; valueDate: Date | null; valueBool: boolean | null; valueOptions: string[] };

function cell(field: ExportField, value: ValueRow | undefined): CsvValue {
  if (!value) return null;
  switch (field.type) {
    case "NUMBER":
      return value.valueNumber === null ? null : Number(value.valueNumber.toString());
    case "CURRENCY":
      return value.valueNumber === null ? null : decimalCell(BigInt(value.valueNumber.toString().split(".")[0] ?? "0"), field.currency ?? "USD");
    case "DATE":
      return value.valueDate?.toISOString().slice(0, 10) ?? null;
    case "BOOLEAN":
      return value.valueBool;
    case "SINGLE_SELECT":
      return value.valueText === null ? null : (field.options.get(value.valueText) ?? value.valueText);
    case "MULTI_SELECT":
      return value.valueOptions.map((id) => field.options.get(id) ?? id).join("; ");
    default:
      return value.valueText;
  }
}

/** The custom cells of a page of records, in the order of `fields`, one query for the page. */
export async function customCells(db: TenantDb, object: CrmObject, fields: ExportField[], recordIds: string[]): Promise<Map<string, CsvValue[]>> {
  const result = new Map<string, CsvValue[]>();
  if (fields.length === 0 || recordIds.length === 0) return result;
  const key = object === "CONTACT" ? "contactId" : object === "COMPANY" ? "companyId" : "dealId";
  const rows = await db.customFieldValue.findMany({
    where: { [key]: { in: recordIds }, fieldId: { in: fields.map((f) => f.id) } },
    select: { fieldId: true, contactId: true, companyId: true, dealId: true, valueText: true, valueNumber: true, valueDate: true, valueBool: true, valueOptions: true },
  });
  const byRecord = new Map<string, Map<string, ValueRow>>();
  for (const row of rows) {
    const recordId = row[key];
    if (!recordId) continue;
    let values = byRecord.get(recordId);
    if (!values) byRecord.set(recordId, (values = new Map()));
    values.set(row.fieldId, row);
  }
  for (const id of recordIds) {
    const values = byRecord.get(id);
    result.set(
      id,
      fields.map((f) => cell(f, values?.get(f.id))),
    );
  }
  return result;
}

/** Owners' emails by user id, for the owner column (the members, and the agency's in a client organization). */
export async function ownerEmails(db: TenantDb, parentId: string | null): Promise<Map<string, string>> {
  return new Map((await assignableMembers(db, parentId)).map((m) => [m.id, m.email]));
}
