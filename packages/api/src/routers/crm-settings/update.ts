import { crmSettingsUpdateInput } from "../../schemas/crm/crm-settings";
import { crmProcedure } from "../../trpc/crm";

/** "Members see only the contacts, companies and deals they own" (admins and owners always see all). */
export const updateCrmSettings = crmProcedure("crm_settings.manage")
  .input(crmSettingsUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const settings = await ctx.db.crmSettings.upsert({
      where: { organizationId: ctx.org.id },
      create: { organizationId: ctx.org.id, ownRecordsOnly: input.ownRecordsOnly },
      update: { ownRecordsOnly: input.ownRecordsOnly },
      select: { ownRecordsOnly: true },
    });
    ctx.audit.target("crm_settings", ctx.org.id);
    ctx.audit.note({ ownRecordsOnly: settings.ownRecordsOnly });
    return settings;
  });
