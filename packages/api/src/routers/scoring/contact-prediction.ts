import { contactPredictionInput } from "../../schemas/scoring";
import { assertContactVisible } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { predictContact } from "../../services/scoring/model/train";
import { crmProcedure } from "../../trpc/crm";

export const contactPredictionProcedure = crmProcedure("scoring.read")
  .input(contactPredictionInput)
  .query(async ({ ctx, input }) => {
    await assertContactVisible(crmContextOf(ctx), input.contactId, { includeDeleted: true });
    return predictContact(ctx.db, ctx.org.id, input.contactId);
  });
