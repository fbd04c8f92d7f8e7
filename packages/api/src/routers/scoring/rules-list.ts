import { ruleListInput } from "../../schemas/scoring";
import { listRules } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";

export const listRulesProcedure = orgProcedure("scoring.read")
  .input(ruleListInput)
  .query(({ ctx, input }) => listRules(ctx.db, input));
