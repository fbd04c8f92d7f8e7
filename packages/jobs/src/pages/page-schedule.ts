import { withOrg } from "@mg/db";
import { lockPage, publishContent, unpublishPage } from "./publishing";

export interface PageScheduleInput {
  organizationId: string;
  pageId: string;
  action: "publish" | "unpublish";
  /** The time this run is for (the event's); a page since rescheduled or cleared stands down. */
  at: string | Date;
  now?: Date;
}

export type PageScheduleResult = { status: "published"; versionId: string; number: number } | { status: "unpublished" } | { status: "skipped"; reason: "not-found" | "deleted" | "rescheduled" | "not-due-yet" };

/**
 * A scheduled publish (the draft as it is then, like pressing Publish) or unpublish, exactly once:
 * in the page's own transaction, row locked, only while the page still holds this very time; the
 * time is cleared in the same transaction. A duplicate, late or superseded run finds nothing to do.
 * Serves both the engine's run-page-schedule and the local scheduler's housekeeping.
 */
export async function applyPageSchedule(input: PageScheduleInput): Promise<PageScheduleResult> {
  const now = input.now ?? new Date();
  const at = new Date(input.at);
  return withOrg(input.organizationId, async (db) => {
    if (!(await lockPage(db, input.pageId))) return { status: "skipped", reason: "not-found" } as const;
    const page = await db.landingPage.findFirst({ where: { id: input.pageId }, select: { deletedAt: true, publishAt: true, unpublishAt: true, draft: true, seo: true, thankYou: true, createdById: true } });
    if (!page) return { status: "skipped", reason: "not-found" } as const;
    if (page.deletedAt) return { status: "skipped", reason: "deleted" } as const;
    const held = input.action === "publish" ? page.publishAt : page.unpublishAt;
    if (!held || held.getTime() !== at.getTime()) return { status: "skipped", reason: "rescheduled" } as const;
    if (held.getTime() > now.getTime()) return { status: "skipped", reason: "not-due-yet" } as const;
    if (input.action === "publish") {
      await db.landingPage.updateMany({ where: { id: input.pageId }, data: { publishAt: null } });
      const published = await publishContent(db, {
        pageId: input.pageId,
        content: page.draft ?? {},
        seo: page.seo ?? {},
        thankYou: page.thankYou ?? {},
        userId: null,
        now,
      });
      return { status: "published", versionId: published.versionId, number: published.number } as const;
    }
    await db.landingPage.updateMany({ where: { id: input.pageId }, data: { unpublishAt: null } });
    await unpublishPage(db, input.pageId, null);
    return { status: "unpublished" } as const;
  });
}
