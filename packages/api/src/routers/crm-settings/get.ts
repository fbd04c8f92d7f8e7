import { crmProcedure } from "../../trpc/crm";

/** The organization's CRM switches. */
export const getCrmSettings = crmProcedure("crm_settings.read").query(async ({ ctx }) => {
  const settings = await ctx.db.crmSettings.findUnique({ where: { organizationId: ctx.org.id }, select: { ownRecordsOnly: true, updatedAt: true } });
  return { ownRecordsOnly: settings?.ownRecordsOnly ?? false, updatedAt: settings?.updatedAt ?? null, appliesToYou: ctx.visibility.ownOnly };
});
