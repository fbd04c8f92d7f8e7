import { orgProcedure } from "../../trpc/init";
import { QR_PRINT_SIZES } from "../../schemas/links";
import { siteOrigin } from "../../services/lead-capture/links";

/** What the link dialog offers: the organization's landing pages and campaigns, the short URL base, QR sizes. */
export const linkOptions = orgProcedure("links.edit").query(async ({ ctx }) => {
  const pages = await ctx.db.landingPage.findMany({
    where: { deletedAt: null },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
    select: { id: true, name: true, slug: true, status: true },
  });
  const campaigns = await ctx.db.campaign.findMany({ where: { archivedAt: null }, orderBy: [{ startsOn: "desc" }, { name: "asc" }], take: 500, select: { id: true, name: true } });
  const origin = siteOrigin();
  return {
    pages: pages.map((p) => ({ id: p.id, name: p.name, slug: p.slug, published: p.status === "PUBLISHED", url: `${origin}/p/${encodeURIComponent(ctx.org.slug)}/${encodeURIComponent(p.slug)}` })),
    campaigns,
    shortUrlBase: `${origin}/r/`,
    qrSizes: Object.entries(QR_PRINT_SIZES).map(([key, value]) => ({ key, label: value.label })),
  };
});
