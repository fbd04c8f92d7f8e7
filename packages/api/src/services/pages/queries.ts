import { PAGE_TEMPLATES, parsePageData, EMPTY_PAGE } from "@mg/pages/data";
import type { TenantDb } from "@mg/db";
import { livePage, notFound, pageSummarySelect, readSeo, readThankYou, summaryOf } from "./shape";

export async function listPages(db: TenantDb, timezone: string, options: { deleted?: boolean } = {}) {
  const rows = await db.landingPage.findMany({
    where: { deletedAt: options.deleted ? { not: null } : null },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
    select: pageSummarySelect,
  });
  return rows.map((r) => summaryOf(r, timezone));
}

/** The editor's page: summary, draft (re-checked: a stored draft that no longer parses opens empty, said so), settings. */
export async function getPage(db: TenantDb, timezone: string, pageId: string) {
  const page = await livePage(db, pageId);
  const parsed = parsePageData(page.draft);
  const published = page.publishedVersionId
    ? await db.landingPageVersion.findFirst({ where: { id: page.publishedVersionId }, select: { id: true, number: true, createdAt: true } })
    : null;
  return {
    ...summaryOf(page, timezone),
    draft: parsed.ok ? parsed.data : EMPTY_PAGE,
    draftProblem: parsed.ok ? null : parsed.message,
    seo: readSeo(page.seo),
    thankYou: readThankYou(page.thankYou),
    publishedVersion: published,
  };
}

export async function listVersions(db: TenantDb, pageId: string) {
  const page = await db.landingPage.findFirst({ where: { id: pageId, deletedAt: null }, select: { publishedVersionId: true } });
  if (!page) throw notFound();
  const versions = await db.landingPageVersion.findMany({ where: { pageId }, orderBy: { number: "desc" }, take: 200, select: { id: true, number: true, createdAt: true, createdById: true } });
  const authorIds = [...new Set(versions.map((v) => v.createdById).filter((id): id is string => id !== null))];
  // Members' names through their memberships (users are global; a member's own row is visible here).
  const members = authorIds.length
    ? await db.membership.findMany({ where: { userId: { in: authorIds } }, select: { userId: true, user: { select: { name: true, email: true } } } })
    : [];
  const nameOf = new Map(members.map((m) => [m.userId, m.user.name ?? m.user.email]));
  return versions.map((v) => ({
    id: v.id,
    number: v.number,
    createdAt: v.createdAt,
    // No author: the scheduler published it (or the person has left).
    author: v.createdById ? (nameOf.get(v.createdById) ?? null) : null,
    scheduled: v.createdById === null,
    live: v.id === page.publishedVersionId,
  }));
}

export function listTemplates() {
  return PAGE_TEMPLATES.map((t) => ({
    key: t.key,
    name: t.name,
    industry: t.industry,
    description: t.description,
    blocks: t.content.content.map((b) => b.type),
  }));
}
