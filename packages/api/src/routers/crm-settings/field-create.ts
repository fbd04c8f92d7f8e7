import { TRPCError } from "@trpc/server";
import { fieldCreateInput } from "../../schemas/crm/custom-fields";
import { FIELD_DEFINITION_SELECT, mergeOptions, toFieldDefinition, uniqueFieldKey } from "../../services/crm/custom-fields";
import { crmProcedure } from "../../trpc/crm";

const MAX_FIELDS_PER_OBJECT = 200;

export const createCustomField = crmProcedure("crm_settings.manage")
  .input(fieldCreateInput)
  .mutation(async ({ ctx, input }) => {
    const isSelect = input.type === "SINGLE_SELECT" || input.type === "MULTI_SELECT";
    if (isSelect && input.options.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "A select field needs at least one option." });
    if (input.type === "CURRENCY" && !input.currency) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose the field's currency." });
    const count = await ctx.db.customFieldDefinition.count({ where: { object: input.object } });
    if (count >= MAX_FIELDS_PER_OBJECT) throw new TRPCError({ code: "BAD_REQUEST", message: `At most ${MAX_FIELDS_PER_OBJECT} custom fields per record type.` });
    const duplicate = await ctx.db.customFieldDefinition.findFirst({ where: { object: input.object, archivedAt: null, label: { equals: input.label, mode: "insensitive" } }, select: { id: true } });
    if (duplicate) throw new TRPCError({ code: "CONFLICT", message: `A field called "${input.label}" already exists.` });
    const last = await ctx.db.customFieldDefinition.findFirst({ where: { object: input.object }, orderBy: { position: "desc" }, select: { position: true } });
    const row = await ctx.db.customFieldDefinition.create({
      data: {
        organizationId: ctx.org.id,
        object: input.object,
        key: await uniqueFieldKey(ctx.db, input.object, input.label),
        label: input.label,
        type: input.type,
        options: isSelect ? mergeOptions([], input.options) : [],
        currency: input.type === "CURRENCY" ? (input.currency ?? null) : null,
        position: (last?.position ?? -1) + 1,
      },
      select: FIELD_DEFINITION_SELECT,
    });
    ctx.audit.target("custom_field", row.id);
    ctx.audit.note({ object: row.object, type: row.type, label: row.label });
    return toFieldDefinition(row);
  });
