import { crmProcedure } from "../../trpc/crm";
import { scanDuplicatesInput } from "../../schemas/crm/duplicates";
import { scanDuplicates } from "../../services/crm/duplicates/scan";

/** A bounded scan of existing contacts for exact and probable duplicates; the pairs join the review queue. */
export const scanDuplicatesProcedure = crmProcedure("contacts.merge", { timeoutMs: 60_000 })
  .input(scanDuplicatesInput)
  .mutation(async ({ ctx }) => {
    const result = await scanDuplicates(ctx.db, ctx.org.id, ctx.visibility);
    ctx.audit.target("organization", ctx.org.id);
    ctx.audit.note(result);
    return result;
  });
