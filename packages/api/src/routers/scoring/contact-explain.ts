import { contactScoreInput } from "../../schemas/scoring";
import { assertContactVisible } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { explainContactScores } from "../../services/scoring/explain";
import { crmProcedure } from "../../trpc/crm";

/** Why a contact's scores are what they are: only for a contact the caller may see (own records only). */
export const contactScoreExplanation = crmProcedure("scoring.read")
  .input(contactScoreInput)
  .query(async ({ ctx, input }) => {
    await assertContactVisible(crmContextOf(ctx), input.contactId, { includeDeleted: true });
    return explainContactScores(ctx.db, input.contactId, input);
  });
