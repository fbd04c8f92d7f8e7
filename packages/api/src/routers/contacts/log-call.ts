import { contactCallInput } from "../../schemas/crm/contacts";
import { assertContactVisible } from "../../services/crm/contacts";
import { logCall } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const logContactCall = crmProcedure("contacts.update")
  .input(contactCallInput)
  .mutation(async ({ ctx, input }) => {
    const { contactId, ...call } = input;
    await assertContactVisible(crmContextOf(ctx), contactId);
    const activity = await logCall(ctx.db, ctx.org.id, { contactId }, call, { userId: ctx.user.id });
    ctx.audit.target("contact", contactId);
    return activity;
  });
