import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { EMPTY_PAGE, findTemplate, instantiateTemplate, parsePageData, type PageSeo, type ThankYou } from "@mg/pages/data";
import { slugify } from "../slugs";
import type { PagesContext } from "./context";
import { assertSlugFree, freeSlug, livePage, notFound, pageSummarySelect, summaryOf } from "./shape";

const DEFAULT_THANK_YOU: ThankYou = { kind: "message", message: "Thank you — we received your details and will be in touch soon." };

function pageSlugFrom(name: string): string {
  return slugify(name).replace(/-org$/, "") || "page";
}

/** A new page, blank or from a template (its blocks get fresh ids; its SEO is a starting point). */
export async function createPage(ctx: PagesContext, input: { name: string; slug?: string; templateKey?: string }) {
  const template = input.templateKey ? findTemplate(input.templateKey) : undefined;
  if (input.templateKey && !template) throw new TRPCError({ code: "BAD_REQUEST", message: "That template does not exist." });
  let slug: string;
  if (input.slug) {
    await assertSlugFree(ctx.db, input.slug);
    slug = input.slug;
  } else {
    slug = await freeSlug(ctx.db, pageSlugFrom(input.name));
  }
  const content = template ? instantiateTemplate(template, () => randomUUID().slice(0, 8)) : EMPTY_PAGE;
  const seo: PageSeo = template ? { ...template.seo } : { title: input.name, description: "", socialImageUrl: "", noindex: false };
  const page = await ctx.db.landingPage.create({
    data: {
      organizationId: ctx.org.id,
      name: input.name,
      slug,
      templateKey: template?.key ?? null,
      draft: content,
      seo,
      thankYou: DEFAULT_THANK_YOU,
      createdById: ctx.userId,
      updatedById: ctx.userId,
    },
    select: pageSummarySelect,
  });
  return summaryOf(page, ctx.org.timezone);
}

/**
 * Autosave. Optimistic: the write applies only while the stored revision is the one the editor
 * last saw, and bumps it — two tabs, or a save that arrives after a newer one, get CONFLICT and
 * never overwrite. Page data is checked by @mg/pages (block types, plain text, safe URLs, caps).
 */
export async function saveDraft(ctx: PagesContext, input: { pageId: string; draftRevision: number; content: unknown }) {
  const parsed = parsePageData(input.content);
  if (!parsed.ok) throw new TRPCError({ code: "BAD_REQUEST", message: parsed.message });
  const updated = await ctx.db.landingPage.updateMany({
    where: { id: input.pageId, deletedAt: null, draftRevision: input.draftRevision },
    data: { draft: parsed.data, draftRevision: { increment: 1 }, updatedById: ctx.userId },
  });
  if (updated.count === 0) {
    const page = await ctx.db.landingPage.findFirst({ where: { id: input.pageId, deletedAt: null }, select: { draftRevision: true } });
    if (!page) throw notFound();
    throw new TRPCError({ code: "CONFLICT", message: "This page was changed elsewhere (another tab or person). Reload to get the latest version; your last changes here were not saved." });
  }
  const page = await ctx.db.landingPage.findFirst({ where: { id: input.pageId }, select: { draftRevision: true, updatedAt: true } });
  if (!page) throw notFound();
  return { draftRevision: page.draftRevision, savedAt: page.updatedAt };
}

export async function updatePageSettings(ctx: PagesContext, input: { pageId: string; name: string; slug: string; seo: PageSeo; thankYou: ThankYou }) {
  const page = await livePage(ctx.db, input.pageId);
  if (input.slug !== page.slug) await assertSlugFree(ctx.db, input.slug, page.id);
  const updated = await ctx.db.landingPage.update({
    where: { organizationId_id: { organizationId: ctx.org.id, id: page.id } },
    data: { name: input.name, slug: input.slug, seo: input.seo, thankYou: input.thankYou, updatedById: ctx.userId },
    select: pageSummarySelect,
  });
  return { ...summaryOf(updated, ctx.org.timezone), slugChanged: input.slug !== page.slug };
}

/** A copy of the draft and settings as a new, unpublished page (versions are not copied). */
export async function duplicatePage(ctx: PagesContext, pageId: string) {
  const page = await livePage(ctx.db, pageId);
  const name = `Copy of ${page.name}`.slice(0, 120);
  const copy = await ctx.db.landingPage.create({
    data: {
      organizationId: ctx.org.id,
      name,
      slug: await freeSlug(ctx.db, `${page.slug}-copy`),
      templateKey: page.templateKey,
      draft: page.draft ?? EMPTY_PAGE,
      seo: page.seo ?? {},
      thankYou: page.thankYou ?? DEFAULT_THANK_YOU,
      createdById: ctx.userId,
      updatedById: ctx.userId,
    },
    select: pageSummarySelect,
  });
  return summaryOf(copy, ctx.org.timezone);
}

/**
 * Soft delete: the page leaves the list and the public site (404) at once; restore brings it back
 * as it was, published version included. Its address stays reserved meanwhile.
 */
export async function deletePage(ctx: PagesContext, pageId: string, options: { mayTakeOffline: boolean }) {
  const page = await ctx.db.landingPage.findFirst({ where: { id: pageId, deletedAt: null }, select: { publishedVersionId: true } });
  if (!page) throw notFound();
  if (page.publishedVersionId && !options.mayTakeOffline) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This page is live. Ask someone who can publish to unpublish it before it is deleted." });
  }
  const done = await ctx.db.landingPage.updateMany({ where: { id: pageId, deletedAt: null }, data: { deletedAt: new Date(), updatedById: ctx.userId } });
  if (done.count === 0) throw notFound();
  return { id: pageId };
}

export async function restorePage(ctx: PagesContext, pageId: string) {
  const done = await ctx.db.landingPage.updateMany({ where: { id: pageId, deletedAt: { not: null } }, data: { deletedAt: null, updatedById: ctx.userId } });
  if (done.count === 0) throw notFound();
  return { id: pageId };
}
