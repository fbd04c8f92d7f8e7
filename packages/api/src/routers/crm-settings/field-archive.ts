import { TRPCError } from "@trpc/server";
import { fieldArchiveInput } from "../../schemas/crm/custom-fields";
import { FIELD_DEFINITION_SELECT, toFieldDefinition } from "../../services/crm/custom-fields";
import { crmProcedure } from "../../trpc/crm";

/** Archive (hide, keep every value) or bring back a field. */
export const archiveCustomField = crmProcedure("crm_settings.manage")
  .input(fieldArchiveInput)
  .mutation(async ({ ctx, input }) => {
    const existing = await ctx.db.customFieldDefinition.findFirst({ where: { id: input.fieldId }, select: { id: true } });
    if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: "Field not found." });
    const row = await ctx.db.customFieldDefinition.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: existing.id } },
      data: { archivedAt: input.archived ? new Date() : null },
      select: FIELD_DEFINITION_SELECT,
    });
    ctx.audit.target("custom_field", row.id);
    ctx.audit.note({ archived: input.archived });
    return toFieldDefinition(row);
  });
