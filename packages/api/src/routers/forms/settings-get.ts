import { orgProcedure } from "../../trpc/init";

/** Lead capture settings: the Turnstile site key (the secret is never sent back, only whether one is set) and the round robin. */
export const getLeadCaptureSettings = orgProcedure("forms.edit")
  .query(async ({ ctx }) => {
    const settings = await ctx.db.leadCaptureSettings.findFirst({ select: { turnstileSiteKey: true, turnstileSecretEnc: true, roundRobinUserIds: true } });
    return { turnstileSiteKey: settings?.turnstileSiteKey ?? null, hasTurnstileSecret: Boolean(settings?.turnstileSecretEnc), roundRobinUserIds: settings?.roundRobinUserIds ?? [] };
  });
