import type { TenantDb } from "@mg/db";
import { importMapping, type ImportMapping, type ImportMatchKey, type ImportUpdateRule } from "../../../schemas/crm/contact-import";
import type { ImportCustomField } from "./mapping";
import type { BatchRules } from "./decide";

/** Everything a dry run or a run of the job needs besides the rows. */
export interface ImportSetup {
  organizationId: string;
  importId: string | null;
  fileName: string;
  mapping: ImportMapping;
  matchKey: ImportMatchKey;
  country: string | null;
  customFields: Map<string, ImportCustomField>;
  rules: BatchRules;
}

/** The organization's live contact custom fields. */
export async function contactCustomFields(db: TenantDb): Promise<Map<string, ImportCustomField>> {
  const defs = await db.customFieldDefinition.findMany({
    where: { object: "CONTACT", archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, key: true, label: true, type: true, options: true },
  });
  return new Map(
    defs.map((d) => [
      d.id,
      {
        id: d.id,
        key: d.key,
        label: d.label,
        type: d.type,
        options: Array.isArray(d.options)
          ? d.options.flatMap((o) => (o && typeof o === "object" && !Array.isArray(o) && typeof o.id === "string" && typeof o.label === "string" ? [{ id: o.id, label: o.label }] : []))
          : [],
      },
    ]),
  );
}

export function parseStoredMapping(value: unknown): ImportMapping {
  return importMapping.parse(value);
}

export function isMatchKey(value: string): value is ImportMatchKey {
  return value === "email" || value === "phone" || value === "externalId";
}

export function isUpdateRule(value: string): value is ImportUpdateRule {
  return value === "fill_empty" || value === "overwrite";
}
