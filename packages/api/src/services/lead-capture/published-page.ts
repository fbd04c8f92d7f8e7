import { Prisma } from "@mg/db";
import { pageSeoSchema, parsePageData, readBranding, thankYouSchema, type Branding, type PageData, type PageSeo, type RenderableForm, type ThankYou } from "@mg/pages/data";
import { formReferences, loadPageForms } from "./page-forms";
import { withPublicOrganization, type PublicOrganization } from "./public-entry";

/**
 * What the public site serves at /p/{orgSlug}/{pageSlug}: only the page's published version.
 * The address is an object so a custom domain (white-label, later) can name the organization by
 * host instead of slug — `{ host }` resolves to nothing until domains exist.
 */
export type PublicPageAddress = { orgSlug: string; pageSlug: string } | { host: string; pageSlug: string };

export interface PublishedPageMeta {
  org: PublicOrganization;
  branding: Branding;
  pageId: string;
  pageSlug: string;
  versionId: string;
  /** Changes whenever what the page shows changes: the version, its forms, the branding, the name or zone it shows. */
  cacheKey: string;
}

export interface PublishedPageContent {
  content: PageData;
  seo: PageSeo;
  thankYou: ThankYou;
  forms: Record<string, { form: RenderableForm; slug: string }>;
}

export type PublishedPageResult =
  | { state: "live"; meta: PublishedPageMeta; content: PublishedPageContent | null }
  | { state: "gone" }
  | { state: "not-found" };

// Kept free of the tRPC layer: the public site imports this module.
function readSeo(value: unknown): PageSeo {
  const parsed = pageSeoSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : pageSeoSchema.parse({});
}
function readThankYou(value: unknown): ThankYou {
  const parsed = thankYouSchema.safeParse(value);
  return parsed.success ? parsed.data : { kind: "message", message: "" };
}

const PAGE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface PageRow {
  page_id: string;
  slug: string;
  version_id: string;
  forms_stamp: string;
}
interface VersionRow {
  content: unknown;
  seo: unknown;
  thank_you: unknown;
}

/**
 * Finds the published version; loads its content (and forms) only when `isCached(cacheKey)` says
 * the caller does not already hold its HTML — a cached page costs the entry and one indexed row.
 */
export async function loadPublishedPage(address: PublicPageAddress, isCached: (cacheKey: string) => boolean = () => false): Promise<PublishedPageResult> {
  if (!("orgSlug" in address) || !PAGE_SLUG.test(address.pageSlug) || address.pageSlug.length > 64) return { state: "not-found" };
  const entry = await withPublicOrganization({ slug: address.orgSlug }, async (db, org) => {
    // The forms the version names, stamped by revision and state: a form edited, archived or
    // created for a slug the page names changes the key, so cached HTML never shows a stale form.
    const [page] = await db.$queryRows<PageRow>(Prisma.sql`
      SELECT p.id AS page_id, p.slug, p.published_version_id AS version_id,
        (SELECT coalesce(string_agg(f.id::text || ':' || f.revision || ':' || f.status::text || ':' || f.updated_at::text, ',' ORDER BY f.id), '')
           FROM lead_forms f
          WHERE f.organization_id = p.organization_id AND f.deleted_at IS NULL
            AND (f.id::text IN (SELECT jsonb_array_elements_text(r.refs)) OR f.slug IN (SELECT jsonb_array_elements_text(r.refs)))) AS forms_stamp
      FROM landing_pages p
      JOIN landing_page_versions v ON v.organization_id = p.organization_id AND v.id = p.published_version_id
      CROSS JOIN LATERAL (SELECT jsonb_path_query_array(v.content, '$.content[*] ? (@.type == "Form").props.formId') AS refs) r
      WHERE p.organization_id = ${db.$organizationId}::uuid AND p.slug = ${address.pageSlug} AND p.deleted_at IS NULL`);
    if (!page) return null;
    const branding = readBranding(org.branding);
    const cacheKey = `${page.version_id}|${page.forms_stamp}|${org.name}|${org.timezone}|${JSON.stringify(branding)}`;
    const meta: PublishedPageMeta = { org, branding, pageId: page.page_id, pageSlug: page.slug, versionId: page.version_id, cacheKey };
    if (isCached(cacheKey)) return { meta, content: null };
    const [version] = await db.$queryRows<VersionRow>(Prisma.sql`
      SELECT content, seo, thank_you FROM landing_page_versions WHERE organization_id = ${db.$organizationId}::uuid AND id = ${page.version_id}::uuid`);
    if (!version) return null;
    const parsed = parsePageData(version.content);
    // A version that no longer parses (a block retired since) shows its valid blocks only.
    const content = parsed.ok ? parsed.data : { root: { props: {} }, content: [] };
    const forms = await loadPageForms(db, formReferences(content));
    return { meta, content: { content, seo: readSeo(version.seo), thankYou: readThankYou(version.thank_you), forms } };
  });
  if (entry.state !== "live") return entry.state === "gone" ? { state: "gone" } : { state: "not-found" };
  if (!entry.value) return { state: "not-found" };
  return { state: "live", ...entry.value };
}

/** The thank-you of a published page (after a plain POST without JavaScript). */
export async function loadPublishedThankYou(address: PublicPageAddress): Promise<{ state: "live"; org: PublicOrganization; branding: Branding; title: string; thankYou: ThankYou } | { state: "gone" } | { state: "not-found" }> {
  if (!("orgSlug" in address) || !PAGE_SLUG.test(address.pageSlug)) return { state: "not-found" };
  const entry = await withPublicOrganization({ slug: address.orgSlug }, async (db) => {
    const [row] = await db.$queryRows<{ seo: unknown; thank_you: unknown; name: string }>(Prisma.sql`
      SELECT v.seo, v.thank_you, p.name FROM landing_pages p JOIN landing_page_versions v ON v.organization_id = p.organization_id AND v.id = p.published_version_id
      WHERE p.organization_id = ${db.$organizationId}::uuid AND p.slug = ${address.pageSlug} AND p.deleted_at IS NULL`);
    return row ?? null;
  });
  if (entry.state !== "live") return entry.state === "gone" ? { state: "gone" } : { state: "not-found" };
  if (!entry.value) return { state: "not-found" };
  return { state: "live", org: entry.org, branding: readBranding(entry.org.branding), title: readSeo(entry.value.seo).title || entry.value.name, thankYou: readThankYou(entry.value.thank_you) };
}
