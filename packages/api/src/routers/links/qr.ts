import { z } from "zod";
import { orgProcedure } from "../../trpc/init";
import { linkQrInput } from "../../schemas/links";
import { findLink, qrUrl } from "../../services/lead-capture/links";
import { renderQr } from "../../services/lead-capture/qr";

const brandingSchema = z.object({ logoUrl: z.string().max(2000).optional(), primaryColor: z.string().max(20).optional() }).partial();

/** The link's QR code (its short URL with `?qr=1`, so scans count as QR visits) as SVG and PNG at a print size. */
export const linkQr = orgProcedure("links.read")
  .input(linkQrInput)
  .query(async ({ ctx, input }) => {
    const link = await findLink(ctx.db, input.linkId);
    const branding = brandingSchema.safeParse(ctx.org.branding ?? {});
    const brand = branding.success ? branding.data : {};
    const url = qrUrl(link.code);
    const qr = renderQr(url, { size: input.size, logo: input.logo, logoUrl: brand.logoUrl ?? null, color: brand.primaryColor ?? null, initial: ctx.org.name });
    return { ...qr, url, fileName: `qr-${link.code}-${input.size}${input.logo ? "-logo" : ""}` };
  });
