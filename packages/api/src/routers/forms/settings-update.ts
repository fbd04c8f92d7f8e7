import { TRPCError } from "@trpc/server";
import { encryptSecret } from "@mg/integrations/crypto";
import { orgProcedure } from "../../trpc/init";
import { leadCaptureSettingsInput } from "../../schemas/forms";
import { isOrganizationMember } from "../../services/crm/records/members";

/** Saves the Turnstile keys (the secret encrypted with TOKEN_ENCRYPTION_KEY, as social tokens are) and the round-robin members. */
export const updateLeadCaptureSettings = orgProcedure("forms.edit")
  .input(leadCaptureSettingsInput)
  .mutation(async ({ ctx, input }) => {
    for (const userId of input.roundRobinUserIds) {
      if (!(await isOrganizationMember(ctx.db, ctx.org, userId))) throw new TRPCError({ code: "BAD_REQUEST", message: "Only members of this organization can receive leads." });
    }
    const secret = input.turnstileSecret === undefined ? undefined : input.turnstileSecret === null ? null : encryptSecret(input.turnstileSecret);
    const data = { turnstileSiteKey: input.turnstileSiteKey || null, roundRobinUserIds: [...new Set(input.roundRobinUserIds)], ...(secret !== undefined ? { turnstileSecretEnc: secret } : {}) };
    const saved = await ctx.db.leadCaptureSettings.upsert({
      where: { organizationId: ctx.org.id },
      create: { organizationId: ctx.org.id, ...data },
      update: data,
      select: { turnstileSiteKey: true, turnstileSecretEnc: true, roundRobinUserIds: true },
    });
    if ((saved.turnstileSiteKey === null) !== (saved.turnstileSecretEnc === null)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Turnstile needs both its site key and its secret key (or neither)." });
    }
    ctx.audit.target("lead_capture_settings", ctx.org.id);
    return { turnstileSiteKey: saved.turnstileSiteKey, hasTurnstileSecret: saved.turnstileSecretEnc !== null, roundRobinUserIds: saved.roundRobinUserIds };
  });
