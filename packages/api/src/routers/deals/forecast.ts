import { crmProcedure } from "../../trpc/crm";
import { forecastInput } from "../../schemas/crm/deals";
import { forecast } from "../../services/crm/forecast";
import { findPipeline } from "../../services/crm/pipelines";

/** Weighted pipeline by expected close month and by owner, and won per month, per currency. */
export const dealsForecast = crmProcedure("deals.read")
  .input(forecastInput)
  .query(async ({ ctx, input }) => {
    if (input.pipelineId) await findPipeline(ctx.db, input.pipelineId);
    return forecast(ctx.db, ctx.visibility, { ...input, timezone: ctx.org.timezone });
  });
