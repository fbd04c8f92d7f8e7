import { Prisma } from "@mg/db";
import type { RenderableForm, RenderableFormField } from "@mg/pages/data";
import type { PublicRows } from "./public-entry";

/**
 * The lead forms a published page's Form blocks name (by id, or by slug on seeded demo pages),
 * as the form markup renders them. A form that is missing, deleted or archived is simply absent:
 * the block renders nothing. The row → RenderableForm conversion is a minimal reading of
 * LeadForm.definition; the forms work owns the full one and may replace `toRenderableForm`.
 */
interface FormRow {
  id: string;
  slug: string;
  name: string;
  revision: number;
  definition: unknown;
  consents: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS = new Set(["text", "email", "phone", "select", "multiselect", "checkbox", "date", "hidden", "textarea"]);

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function toField(value: unknown): RenderableFormField | undefined {
  const f = obj(value);
  const kind = str(f.kind);
  if (!str(f.id) || !KINDS.has(kind)) return undefined;
  return {
    id: str(f.id),
    kind: kind as RenderableFormField["kind"],
    label: str(f.label),
    required: f.required === true,
    ...(str(f.helpText) ? { helpText: str(f.helpText) } : {}),
    ...(str(f.placeholder) ? { placeholder: str(f.placeholder) } : {}),
    ...(Array.isArray(f.options) ? { options: list(f.options).map((o) => ({ value: str(obj(o).value), label: str(obj(o).label) })) } : {}),
    ...(str(f.defaultValue) ? { defaultValue: str(f.defaultValue) } : {}),
  };
}

export function toRenderableForm(row: FormRow): RenderableForm {
  const definition = obj(row.definition);
  return {
    id: row.id,
    name: row.name,
    revision: row.revision,
    submitLabel: str(definition.submitLabel, "Send"),
    steps: list(definition.steps).map((s) => ({
      ...(str(obj(s).title) ? { title: str(obj(s).title) } : {}),
      fields: list(obj(s).fields)
        .map(toField)
        .filter((f): f is RenderableFormField => f !== undefined),
    })),
    consents: list(row.consents).map((c) => {
      const consent = obj(c);
      return { id: str(consent.id), wording: str(consent.wording), version: typeof consent.version === "number" ? consent.version : 1, required: consent.required === true };
    }),
  };
}

/** Form references in page data, in order, without repeats. */
export function formReferences(content: unknown): string[] {
  const refs = list(obj(content).content)
    .map((b) => obj(b))
    .filter((b) => b.type === "Form")
    .map((b) => str(obj(b.props).formId))
    .filter((r) => r !== "" && r.length <= 100);
  return [...new Set(refs)];
}

/** The page's forms keyed by the reference its blocks use, with each form's slug (for its URLs). */
export async function loadPageForms(db: PublicRows, refs: readonly string[]): Promise<Record<string, { form: RenderableForm; slug: string }>> {
  if (refs.length === 0) return {};
  const ids = refs.filter((r) => UUID.test(r));
  const rows = await db.$queryRows<FormRow>(Prisma.sql`
    SELECT id, slug, name, revision, definition, consents FROM lead_forms
    WHERE organization_id = ${db.$organizationId}::uuid AND deleted_at IS NULL AND status = 'ACTIVE'
      AND (id = ANY(${ids}::uuid[]) OR slug = ANY(${[...refs]}::text[]))`);
  const out: Record<string, { form: RenderableForm; slug: string }> = {};
  for (const ref of refs) {
    const row = rows.find((r) => r.id === ref) ?? rows.find((r) => r.slug === ref);
    if (row) out[ref] = { form: toRenderableForm(row), slug: row.slug };
  }
  return out;
}
