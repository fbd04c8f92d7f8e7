import { contactMeetingInput } from "../../schemas/crm/contacts";
import { assertContactVisible } from "../../services/crm/contacts";
import { logMeeting } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const logContactMeeting = crmProcedure("contacts.update")
  .input(contactMeetingInput)
  .mutation(async ({ ctx, input }) => {
    const { contactId, ...meeting } = input;
    await assertContactVisible(crmContextOf(ctx), contactId);
    const activity = await logMeeting(ctx.db, ctx.org.id, { contactId }, meeting, { userId: ctx.user.id });
    ctx.audit.target("contact", contactId);
    return activity;
  });
