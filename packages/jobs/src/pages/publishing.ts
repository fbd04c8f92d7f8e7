import type { Prisma, TenantDb } from "@mg/db";

/**
 * Publishing a landing page, shared by the API (publish, rollback) and the scheduled run: the
 * content becomes a new immutable LandingPageVersion (numbered per page) and the page points at
 * it. Runs in the caller's tenant transaction, with the page row locked so two publishes of one
 * page number their versions one after the other. The public site serves `publishedVersionId`
 * only, and its HTML cache is keyed by it, so a publish is what revalidates the page.
 */
export interface PublishInput {
  pageId: string;
  content: Prisma.InputJsonValue;
  seo: Prisma.InputJsonValue;
  thankYou: Prisma.InputJsonValue;
  userId: string | null;
  now?: Date;
}

export async function lockPage(db: TenantDb, pageId: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM landing_pages WHERE organization_id = ${db.$organizationId}::uuid AND id = ${pageId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

export async function publishContent(db: TenantDb, input: PublishInput): Promise<{ versionId: string; number: number; publishedAt: Date }> {
  const now = input.now ?? new Date();
  const last = await db.landingPageVersion.findFirst({ where: { pageId: input.pageId }, orderBy: { number: "desc" }, select: { number: true } });
  const number = (last?.number ?? 0) + 1;
  const version = await db.landingPageVersion.create({
    data: { organizationId: db.$organizationId, pageId: input.pageId, number, content: input.content, seo: input.seo, thankYou: input.thankYou, createdById: input.userId },
    select: { id: true },
  });
  await db.landingPage.updateMany({
    where: { id: input.pageId },
    data: { status: "PUBLISHED", publishedVersionId: version.id, publishedAt: now, updatedById: input.userId ?? undefined },
  });
  return { versionId: version.id, number, publishedAt: now };
}

export async function unpublishPage(db: TenantDb, pageId: string, userId: string | null): Promise<void> {
  // The versions stay (history, rollback); the public site answers 404 once nothing is published.
  await db.landingPage.updateMany({ where: { id: pageId }, data: { status: "UNPUBLISHED", publishedVersionId: null, updatedById: userId ?? undefined } });
}
