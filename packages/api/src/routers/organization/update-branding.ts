import type { Prisma } from "@mg/db";
import { readBranding } from "@mg/pages/data";
import { updateBrandingInput } from "../../schemas/pages";
import { orgProcedure } from "../../trpc/init";

/**
 * The organization's branding (logo, colors, font, product name) — what its landing pages look
 * like. A client organization an agency creates starts with the agency's (services/organizations).
 * Reaches a published page on its next render: the page cache is keyed by version and branding.
 */
export const updateBranding = orgProcedure("settings.update")
  .input(updateBrandingInput)
  .mutation(async ({ ctx, input }) => {
    // Only the known keys, each validated: nothing else is stored in the JSON column.
    const branding = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== "")) as Prisma.InputJsonObject;
    await ctx.db.organization.update({ where: { id: ctx.org.id }, data: { branding } });
    ctx.audit.target("organization", ctx.org.id);
    ctx.audit.note({ keys: Object.keys(branding) });
    return { branding: readBranding(branding) };
  });
