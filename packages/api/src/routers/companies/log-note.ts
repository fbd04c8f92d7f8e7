import { companyNoteInput } from "../../schemas/crm/companies";
import { assertCompanyVisible } from "../../services/crm/companies";
import { logNote } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const logCompanyNote = crmProcedure("companies.update")
  .input(companyNoteInput)
  .mutation(async ({ ctx, input }) => {
    await assertCompanyVisible(crmContextOf(ctx), input.companyId);
    const activity = await logNote(ctx.db, ctx.org.id, { companyId: input.companyId }, input.html, { userId: ctx.user.id });
    ctx.audit.target("company", input.companyId);
    return activity;
  });
