import { contactNoteInput } from "../../schemas/crm/contacts";
import { assertContactVisible } from "../../services/crm/contacts";
import { logNote } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** A note on the contact's timeline (rich text, sanitized on the server). */
export const logContactNote = crmProcedure("contacts.update")
  .input(contactNoteInput)
  .mutation(async ({ ctx, input }) => {
    await assertContactVisible(crmContextOf(ctx), input.contactId);
    const activity = await logNote(ctx.db, ctx.org.id, { contactId: input.contactId }, input.html, { userId: ctx.user.id });
    ctx.audit.target("contact", input.contactId);
    return activity;
  });
