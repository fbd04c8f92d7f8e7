import { TRPCError } from "@trpc/server";
import { fieldUpdateInput } from "../../schemas/crm/custom-fields";
import { FIELD_DEFINITION_SELECT, mergeOptions, toFieldDefinition } from "../../services/crm/custom-fields";
import { crmProcedure } from "../../trpc/crm";

/**
 * Rename a field, edit its options (rename, add, archive — by stable id), or change a currency
 * field's currency. The key and type never change, so every stored value stays valid.
 */
export const updateCustomField = crmProcedure("crm_settings.manage")
  .input(fieldUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const existing = await ctx.db.customFieldDefinition.findFirst({ where: { id: input.fieldId }, select: FIELD_DEFINITION_SELECT });
    if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: "Field not found." });
    const current = toFieldDefinition(existing);
    const isSelect = current.type === "SINGLE_SELECT" || current.type === "MULTI_SELECT";
    if (input.options && !isSelect) throw new TRPCError({ code: "BAD_REQUEST", message: "Only select fields have options." });
    if (input.currency && current.type !== "CURRENCY") throw new TRPCError({ code: "BAD_REQUEST", message: "Only currency fields have a currency." });
    if (input.label && input.label.toLowerCase() !== current.label.toLowerCase()) {
      const duplicate = await ctx.db.customFieldDefinition.findFirst({
        where: { object: current.object, archivedAt: null, id: { not: current.id }, label: { equals: input.label, mode: "insensitive" } },
        select: { id: true },
      });
      if (duplicate) throw new TRPCError({ code: "CONFLICT", message: `A field called "${input.label}" already exists.` });
    }
    const options = input.options ? mergeOptions(current.options, input.options) : undefined;
    if (options && !options.some((o) => !o.archived)) throw new TRPCError({ code: "BAD_REQUEST", message: "Keep at least one option." });
    const row = await ctx.db.customFieldDefinition.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: current.id } },
      data: { ...(input.label ? { label: input.label } : {}), ...(options ? { options } : {}), ...(input.currency ? { currency: input.currency } : {}) },
      select: FIELD_DEFINITION_SELECT,
    });
    ctx.audit.target("custom_field", row.id);
    ctx.audit.note({ label: row.label, ...(input.label && input.label !== current.label ? { renamedFrom: current.label } : {}) });
    return toFieldDefinition(row);
  });
