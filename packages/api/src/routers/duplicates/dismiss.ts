import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { duplicateCandidateInput } from "../../schemas/crm/duplicates";
import { visibleContacts } from "./shared";

/** "Not the same person": the pair leaves the queue, and later scans leave it dismissed. */
export const dismissDuplicate = crmProcedure("contacts.merge")
  .input(duplicateCandidateInput)
  .mutation(async ({ ctx, input }) => {
    const candidate = await ctx.db.duplicateCandidate.findFirst({ where: { id: input.candidateId } });
    if (!candidate) throw new TRPCError({ code: "NOT_FOUND", message: "Duplicate pair not found." });
    const visible = await visibleContacts(ctx.db, [candidate.recordAId, candidate.recordBId]);
    if (visible.size < 2 && ctx.visibility.ownOnly) throw new TRPCError({ code: "NOT_FOUND", message: "Duplicate pair not found." });
    const updated = await ctx.db.duplicateCandidate.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: candidate.id } },
      data: { status: "DISMISSED" },
      select: { id: true, status: true },
    });
    ctx.audit.target("duplicate_candidate", candidate.id);
    return updated;
  });
