import { fieldListInput } from "../../schemas/crm/custom-fields";
import { loadFieldDefinitions } from "../../services/crm/custom-fields";
import { crmProcedure } from "../../trpc/crm";

export const listCustomFields = crmProcedure("crm_settings.read")
  .input(fieldListInput)
  .query(({ ctx, input }) => loadFieldDefinitions(ctx.db, input.object, { includeArchived: input.includeArchived }));
