import { TRPCError } from "@trpc/server";
import { lockPage, publishContent, unpublishPage } from "@mg/jobs/pages";
import { parsePageData } from "@mg/pages/data";
import { resolveScheduleOrThrow } from "../posts/schedule-time";
import type { PagesContext } from "./context";
import { livePage, notFound, pageSummarySelect, readSeo, readThankYou, summaryOf } from "./shape";

async function lockedLivePage(ctx: PagesContext, pageId: string) {
  if (!(await lockPage(ctx.db, pageId))) throw notFound();
  return livePage(ctx.db, pageId);
}

/** The draft becomes a new immutable version and the one the public site serves. */
export async function publishPage(ctx: PagesContext, input: { pageId: string; draftRevision?: number }) {
  const page = await lockedLivePage(ctx, input.pageId);
  if (input.draftRevision !== undefined && input.draftRevision !== page.draftRevision) {
    throw new TRPCError({ code: "CONFLICT", message: "The page changed since you opened it. Reload to publish the latest draft." });
  }
  const parsed = parsePageData(page.draft);
  if (!parsed.ok) throw new TRPCError({ code: "BAD_REQUEST", message: `The draft cannot be published: ${parsed.message}` });
  const version = await publishContent(ctx.db, { pageId: page.id, content: parsed.data, seo: readSeo(page.seo), thankYou: readThankYou(page.thankYou), userId: ctx.userId });
  // Publishing by hand supersedes a pending scheduled publish.
  if (page.publishAt) await ctx.db.landingPage.updateMany({ where: { id: page.id }, data: { publishAt: null } });
  return { versionId: version.versionId, number: version.number, publishedAt: version.publishedAt };
}

export async function unpublish(ctx: PagesContext, pageId: string) {
  const page = await lockedLivePage(ctx, pageId);
  await unpublishPage(ctx.db, page.id, ctx.userId);
  if (page.unpublishAt) await ctx.db.landingPage.updateMany({ where: { id: page.id }, data: { unpublishAt: null } });
  return { id: page.id };
}

/** Rollback: an earlier version's content, SEO and thank-you published again as a new version (history stays append-only). */
export async function rollbackPage(ctx: PagesContext, input: { pageId: string; versionId: string }) {
  const page = await lockedLivePage(ctx, input.pageId);
  const version = await ctx.db.landingPageVersion.findFirst({ where: { id: input.versionId, pageId: page.id }, select: { number: true, content: true, seo: true, thankYou: true } });
  if (!version) throw new TRPCError({ code: "NOT_FOUND", message: "Version not found." });
  const published = await publishContent(ctx.db, { pageId: page.id, content: version.content ?? {}, seo: version.seo ?? {}, thankYou: version.thankYou ?? {}, userId: ctx.userId });
  return { versionId: published.versionId, number: published.number, restoredFrom: version.number };
}

type WallTime = { localTime: string; disambiguation?: "earlier" | "later" };

/**
 * Scheduled publish / unpublish at a wall time in the organization's zone (DST gaps and overlaps
 * refused as for posts). The time is stored on the page and a `page/scheduled` event is written
 * in the same transaction (outbox); the run, or without an engine the local scheduler, applies it
 * only while the page still holds that time, so a later change simply supersedes it.
 */
export async function schedulePage(ctx: PagesContext, input: { pageId: string; publishAt?: WallTime | null; unpublishAt?: WallTime | null }) {
  const page = await lockedLivePage(ctx, input.pageId);
  const zone = ctx.org.timezone;
  const resolve = (w: WallTime | null | undefined, current: Date | null) =>
    w === undefined ? current : w === null ? null : resolveScheduleOrThrow({ timezone: zone, localTime: w.localTime, disambiguation: w.disambiguation }).scheduledAt;
  const publishAt = resolve(input.publishAt, page.publishAt);
  const unpublishAt = resolve(input.unpublishAt, page.unpublishAt);
  if (publishAt && unpublishAt && unpublishAt.getTime() <= publishAt.getTime()) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "The unpublish time must come after the publish time." });
  }
  if (unpublishAt && !publishAt && !page.publishedVersionId) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "The page is not published: schedule a publish time first, or publish it now." });
  }
  if (publishAt) {
    const parsed = parsePageData(page.draft);
    if (!parsed.ok) throw new TRPCError({ code: "BAD_REQUEST", message: `The draft cannot be published: ${parsed.message}` });
  }
  const updated = await ctx.db.landingPage.update({
    where: { organizationId_id: { organizationId: ctx.org.id, id: page.id } },
    data: { publishAt, unpublishAt, updatedById: ctx.userId },
    select: pageSummarySelect,
  });
  const events = [
    ...(publishAt && publishAt.getTime() !== page.publishAt?.getTime() ? [{ action: "publish" as const, at: publishAt }] : []),
    ...(unpublishAt && unpublishAt.getTime() !== page.unpublishAt?.getTime() ? [{ action: "unpublish" as const, at: unpublishAt }] : []),
  ];
  if (events.length) {
    await ctx.emit(
      events.map((e) => ({
        name: "page/scheduled" as const,
        id: `page:${page.id}:${e.action}:${e.at.toISOString()}`,
        data: { organizationId: ctx.org.id, pageId: page.id, action: e.action, at: e.at.toISOString() },
      })),
    );
  }
  return summaryOf(updated, zone);
}
