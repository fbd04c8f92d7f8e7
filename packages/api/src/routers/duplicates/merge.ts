import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { mergeContactsInput } from "../../schemas/crm/merge";
import { mergeContacts, type MergeInput } from "../../services/crm/merge/merge-contacts";
import { asTrpcError, visibleContacts } from "./shared";

/**
 * Merges contacts into the oldest (services/crm/merge): values chosen per field, every relation
 * moved, tombstones left, a "merged" event, and a snapshot for undo. Each contact must be one the
 * caller can see, or the answer is NOT_FOUND as for an id that does not exist.
 */
export const mergeContactsProcedure = crmProcedure("contacts.merge", { timeoutMs: 60_000 })
  .input(mergeContactsInput)
  .mutation(async ({ ctx, input }) => {
    const ids = [...new Set(input.contactIds)];
    const visible = await visibleContacts(ctx.db, ids);
    if (visible.size !== ids.length) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    if (input.candidateId && !(await ctx.db.duplicateCandidate.findFirst({ where: { id: input.candidateId }, select: { id: true } }))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "Duplicate pair not found." });
    }
    const values: MergeInput["values"] = Object.fromEntries(input.values.map((v) => [v.field, v.contactId]));
    try {
      const result = await mergeContacts(ctx.db, ctx.org.id, { contactIds: ids, values, actorUserId: ctx.user.id });
      ctx.audit.target("contact", result.survivorId);
      ctx.audit.note({ mergeId: result.mergeId, mergedIds: result.mergedIds });
      return result;
    } catch (error) {
      asTrpcError(error);
    }
  });
