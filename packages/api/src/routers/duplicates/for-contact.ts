import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { duplicatesForContactInput } from "../../schemas/crm/duplicates";
import { visibleContacts } from "./shared";

/** Open duplicate pairs of one contact (the 360° page's "possible duplicate" warning links to the merge). */
export const duplicatesForContact = crmProcedure("contacts.read")
  .input(duplicatesForContactInput)
  .query(async ({ ctx, input }) => {
    const self = await visibleContacts(ctx.db, [input.contactId]);
    if (!self.has(input.contactId)) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    const rows = await ctx.db.duplicateCandidate.findMany({
      where: { object: "CONTACT", status: "OPEN", OR: [{ recordAId: input.contactId }, { recordBId: input.contactId }] },
      orderBy: [{ score: "desc" }, { id: "asc" }],
      take: 10,
    });
    const others = await visibleContacts(ctx.db, rows.map((r) => (r.recordAId === input.contactId ? r.recordBId : r.recordAId)));
    return {
      items: rows.flatMap((r) => {
        const other = others.get(r.recordAId === input.contactId ? r.recordBId : r.recordAId);
        return other ? [{ id: r.id, score: r.score, reasons: r.reasons, other }] : [];
      }),
    };
  });
