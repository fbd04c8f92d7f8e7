import { ruleUpdateInput } from "../../schemas/scoring";
import { updateRule } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";
import { requestRecompute } from "./recompute-request";

export const updateRuleProcedure = orgProcedure("scoring.manage")
  .input(ruleUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const rule = await updateRule(ctx.db, ctx.org.id, input);
    ctx.audit.target("score_rule", rule.id);
    const recompute = rule.kind === "FACT" ? await requestRecompute(ctx) : null;
    return { rule, recomputeId: recompute?.recomputeId ?? null };
  });
