import { ruleArchiveInput } from "../../schemas/scoring";
import { archiveRule } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";
import { requestRecompute } from "./recompute-request";

/** Archiving a fact rule takes its points back (by entries, in the recompute); behaviour points stay history. */
export const archiveRuleProcedure = orgProcedure("scoring.manage")
  .input(ruleArchiveInput)
  .mutation(async ({ ctx, input }) => {
    const rule = await archiveRule(ctx.db, ctx.org.id, input.ruleId, input.archived);
    ctx.audit.target("score_rule", rule.id);
    const recompute = rule.kind === "FACT" ? await requestRecompute(ctx) : null;
    return { rule, recomputeId: recompute?.recomputeId ?? null };
  });
