import { companyTimelineInput } from "../../schemas/crm/companies";
import { assertCompanyVisible } from "../../services/crm/companies";
import { readTimeline } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const companyTimeline = crmProcedure("companies.read")
  .input(companyTimelineInput)
  .query(async ({ ctx, input }) => {
    await assertCompanyVisible(crmContextOf(ctx), input.companyId, { includeDeleted: true });
    return readTimeline(ctx.db, { companyId: input.companyId }, input);
  });
