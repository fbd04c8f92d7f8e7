import { consentHistoryInput } from "../../schemas/crm/contacts";
import { assertContactVisible } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** The contact's consent ledger, newest first: what was agreed, the wording's version, when and how. */
export const contactConsentHistory = crmProcedure("contacts.read")
  .input(consentHistoryInput)
  .query(async ({ ctx, input }) => {
    await assertContactVisible(crmContextOf(ctx), input.contactId, { includeDeleted: true });
    return ctx.db.consentRecord.findMany({
      where: { contactId: input.contactId },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: input.limit,
      select: { id: true, channel: true, purpose: true, status: true, wordingVersion: true, wording: true, method: true, ip: true, recordedById: true, recordedAt: true },
    });
  });
