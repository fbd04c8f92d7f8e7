import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { pageSeoSchema, thankYouSchema, type PageSeo, type ThankYou } from "@mg/pages/data";
import { toLocalTime } from "@mg/scheduling";

/** Stored settings read defensively: a row written before a rule changed still opens. */
export function readSeo(value: unknown): PageSeo {
  const parsed = pageSeoSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : pageSeoSchema.parse({});
}

export function readThankYou(value: unknown): ThankYou {
  const parsed = thankYouSchema.safeParse(value);
  return parsed.success ? parsed.data : { kind: "message", message: "" };
}

export const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "Page not found." });

export const pageSummarySelect = {
  id: true,
  name: true,
  slug: true,
  templateKey: true,
  status: true,
  publishedVersionId: true,
  publishedAt: true,
  publishAt: true,
  unpublishAt: true,
  draftRevision: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

type SummaryRow = {
  id: string;
  name: string;
  slug: string;
  templateKey: string | null;
  status: "DRAFT" | "PUBLISHED" | "UNPUBLISHED";
  publishedVersionId: string | null;
  publishedAt: Date | null;
  publishAt: Date | null;
  unpublishAt: Date | null;
  draftRevision: number;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A schedule as the user set it: the instant and its wall time in the organization's zone. */
function scheduled(at: Date | null, timezone: string) {
  return at ? { at: at.toISOString(), localTime: toLocalTime(at, timezone), timezone } : null;
}

export function summaryOf(row: SummaryRow, timezone: string) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    templateKey: row.templateKey,
    status: row.status,
    live: row.publishedVersionId !== null && row.deletedAt === null,
    publishedVersionId: row.publishedVersionId,
    publishedAt: row.publishedAt,
    publishAt: scheduled(row.publishAt, timezone),
    unpublishAt: scheduled(row.unpublishAt, timezone),
    draftRevision: row.draftRevision,
    deletedAt: row.deletedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The live page (not deleted), or NOT_FOUND — exactly as for an id that exists nowhere. */
export async function livePage(db: TenantDb, pageId: string) {
  const page = await db.landingPage.findFirst({ where: { id: pageId, deletedAt: null }, select: { ...pageSummarySelect, draft: true, seo: true, thankYou: true } });
  if (!page) throw notFound();
  return page;
}

/** A free slug: the wanted one, or with -2, -3… (slugs stay unique per organization, deleted pages included). */
export async function freeSlug(db: TenantDb, wanted: string, exceptPageId?: string): Promise<string> {
  const base = wanted.slice(0, 56).replace(/-+$/, "") || "page";
  const taken = new Set(
    (await db.landingPage.findMany({ where: { slug: { startsWith: base }, ...(exceptPageId ? { id: { not: exceptPageId } } : {}) }, select: { slug: true } })).map((p) => p.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; n < 1000; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  return `${base}-${Date.now().toString(36)}`;
}

export async function assertSlugFree(db: TenantDb, slug: string, exceptPageId?: string): Promise<void> {
  const other = await db.landingPage.findFirst({ where: { slug, ...(exceptPageId ? { id: { not: exceptPageId } } : {}) }, select: { deletedAt: true } });
  if (other) {
    throw new TRPCError({ code: "CONFLICT", message: other.deletedAt ? "A deleted page still holds that address. Restore it or choose another address." : "Another page already uses that address." });
  }
}
