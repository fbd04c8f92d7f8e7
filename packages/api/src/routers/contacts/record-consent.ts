import { consentRecordInput } from "../../schemas/crm/contacts";
import { recordConsent } from "../../services/crm/consent";
import { assertContactVisible } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** A new row in the consent ledger (never an edit of an old one) and a CONSENT_CHANGED event. */
export const recordContactConsent = crmProcedure("contacts.update")
  .input(consentRecordInput)
  .mutation(async ({ ctx, input }) => {
    const { contactId, ...consent } = input;
    await assertContactVisible(crmContextOf(ctx), contactId);
    const record = await recordConsent(ctx.db, ctx.org.id, contactId, consent, { userId: ctx.user.id });
    ctx.audit.target("contact", contactId);
    ctx.audit.note({ channel: consent.channel, purpose: consent.purpose, status: consent.status });
    return record;
  });
