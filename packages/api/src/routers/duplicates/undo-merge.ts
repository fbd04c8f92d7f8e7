import { crmProcedure } from "../../trpc/crm";
import { undoMergeInput } from "../../schemas/crm/merge";
import { undoMerge } from "../../services/crm/merge/undo-merge";
import { asTrpcError, visibleContacts } from "./shared";
import { TRPCError } from "@trpc/server";

/** Undo of a merge: the merged contacts and their relations come back, the survivor's fields too. */
export const undoMergeProcedure = crmProcedure("contacts.merge", { timeoutMs: 60_000 })
  .input(undoMergeInput)
  .mutation(async ({ ctx, input }) => {
    const record = await ctx.db.crmMerge.findFirst({ where: { id: input.mergeId, object: "CONTACT" }, select: { id: true, survivorId: true } });
    if (!record || (await visibleContacts(ctx.db, [record.survivorId])).size === 0) throw new TRPCError({ code: "NOT_FOUND", message: "Merge not found." });
    try {
      const result = await undoMerge(ctx.db, ctx.org.id, record.id, ctx.user.id);
      ctx.audit.target("contact", result.survivorId);
      ctx.audit.note({ mergeId: record.id, restoredIds: result.restoredIds });
      return result;
    } catch (error) {
      asTrpcError(error);
    }
  });
