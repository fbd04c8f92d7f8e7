import { TRPCError } from "@trpc/server";
import { fieldReorderInput } from "../../schemas/crm/custom-fields";
import { loadFieldDefinitions } from "../../services/crm/custom-fields";
import { crmProcedure } from "../../trpc/crm";

/** The fields of an object in the given order; fields left out keep their order after them. */
export const reorderCustomFields = crmProcedure("crm_settings.manage")
  .input(fieldReorderInput)
  .mutation(async ({ ctx, input }) => {
    const fields = await loadFieldDefinitions(ctx.db, input.object, { includeArchived: true });
    const known = new Set(fields.map((f) => f.id));
    const unknown = input.fieldIds.find((id) => !known.has(id));
    if (unknown) throw new TRPCError({ code: "NOT_FOUND", message: "Field not found." });
    const order = [...new Set(input.fieldIds), ...fields.map((f) => f.id).filter((id) => !input.fieldIds.includes(id))];
    for (const [position, id] of order.entries()) {
      const field = fields.find((f) => f.id === id);
      if (field && field.position !== position) await ctx.db.customFieldDefinition.update({ where: { organizationId_id: { organizationId: ctx.org.id, id } }, data: { position } });
    }
    ctx.audit.target("custom_field", input.fieldIds[0] ?? order[0] ?? ctx.org.id);
    ctx.audit.note({ object: input.object, order });
    return loadFieldDefinitions(ctx.db, input.object, { includeArchived: true });
  });
