import { orgProcedure } from "../../trpc/init";
import { updateSettingsInput } from "../../schemas/organization";

export const updateSettings = orgProcedure("settings.update")
  .input(updateSettingsInput)
  .mutation(async ({ ctx, input }) => {
    const changed = Object.fromEntries(
      (Object.keys(input) as (keyof typeof input)[]).filter((key) => (input[key] ?? null) !== (ctx.org[key] ?? null)).map((key) => [key, { from: ctx.org[key] ?? null, to: input[key] ?? null }]),
    );
    const organization = await ctx.db.organization.update({
      where: { id: ctx.org.id },
      data: { name: input.name, timezone: input.timezone, industry: input.industry ?? null, country: input.country ?? null },
    });
    ctx.audit.target("organization", organization.id);
    ctx.audit.note({ changed });
    if (input.timezone !== ctx.org.timezone) {
      await ctx.db.onboardingTask.updateMany({ where: { key: "set-timezone", completedAt: null }, data: { completedAt: new Date() } });
    }
    return { id: organization.id, name: organization.name, timezone: organization.timezone, industry: organization.industry, country: organization.country };
  });
