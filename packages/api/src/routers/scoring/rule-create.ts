import { ruleCreateInput } from "../../schemas/scoring";
import { createRule } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";
import { requestRecompute } from "./recompute-request";

/** A new fact rule applies to every contact: a recompute run starts with it (behaviour rules count from now on). */
export const createRuleProcedure = orgProcedure("scoring.manage")
  .input(ruleCreateInput)
  .mutation(async ({ ctx, input }) => {
    const rule = await createRule(ctx.db, ctx.org.id, input);
    ctx.audit.target("score_rule", rule.id);
    const recompute = rule.kind === "FACT" ? await requestRecompute(ctx) : null;
    return { rule, recomputeId: recompute?.recomputeId ?? null };
  });
