import { Prisma } from "@mg/db";
import type { RenderableForm } from "@mg/pages/data";
import { renderableForm } from "../lead-forms/definition";
import type { PublicRows } from "./public-entry";

/**
 * The lead forms a published page's Form blocks name (by id, or by slug on seeded demo pages), as
 * the form markup renders them — through the forms' own reading of a LeadForm row
 * (lead-forms/definition.ts), so a page shows exactly what the hosted form shows. A form that is
 * missing, deleted or archived is simply absent: the block renders nothing.
 */
interface FormRow {
  id: string;
  slug: string;
  name: string;
  revision: number;
  definition: unknown;
  consents: unknown;
  double_opt_in: boolean;
  thank_you: unknown;
  owner_user_id: string | null;
  status: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

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
    SELECT id, slug, name, revision, definition, consents, double_opt_in, thank_you, owner_user_id, status FROM lead_forms
    WHERE organization_id = ${db.$organizationId}::uuid AND deleted_at IS NULL AND status = 'ACTIVE'
      AND (id = ANY(${ids}::uuid[]) OR slug = ANY(${[...refs]}::text[]))`);
  const settings = rows.length
    ? await db.$queryRows<{ site_key: string | null; secret: string | null }>(Prisma.sql`
        SELECT turnstile_site_key AS site_key, turnstile_secret_enc AS secret FROM lead_capture_settings WHERE organization_id = ${db.$organizationId}::uuid`)
    : [];
  const siteKey = settings[0]?.site_key && settings[0].secret ? settings[0].site_key : null;
  const out: Record<string, { form: RenderableForm; slug: string }> = {};
  for (const ref of refs) {
    const row = rows.find((r) => r.id === ref) ?? rows.find((r) => r.slug === ref);
    if (!row) continue;
    const form = renderableForm({ id: row.id, name: row.name, slug: row.slug, definition: row.definition, consents: row.consents, doubleOptIn: row.double_opt_in, thankYou: row.thank_you, ownerUserId: row.owner_user_id, revision: row.revision, status: row.status }, siteKey);
    out[ref] = { form, slug: row.slug };
  }
  return out;
}
