import "../../services/scoring/register";
import { createTRPCRouter } from "../../trpc/init";
import { contactScoreExplanation } from "./contact-explain";
import { contactPredictionProcedure } from "./contact-prediction";
import { modelStatusProcedure } from "./model-status";
import { recomputeAllProcedure } from "./recompute";
import { recomputeStatusProcedure } from "./recompute-status";
import { archiveRuleProcedure } from "./rule-archive";
import { createRuleProcedure } from "./rule-create";
import { updateRuleProcedure } from "./rule-update";
import { listRulesProcedure } from "./rules-list";
import { createScoreProcedure } from "./score-create";
import { deleteScoreProcedure } from "./score-delete";
import { updateScoreProcedure } from "./score-update";
import { listScoresProcedure } from "./scores-list";

export const scoringRouter = createTRPCRouter({
  scores: listScoresProcedure,
  scoreCreate: createScoreProcedure,
  scoreUpdate: updateScoreProcedure,
  scoreDelete: deleteScoreProcedure,
  rules: listRulesProcedure,
  ruleCreate: createRuleProcedure,
  ruleUpdate: updateRuleProcedure,
  ruleArchive: archiveRuleProcedure,
  contactExplanation: contactScoreExplanation,
  contactPrediction: contactPredictionProcedure,
  modelStatus: modelStatusProcedure,
  recompute: recomputeAllProcedure,
  recomputeStatus: recomputeStatusProcedure,
});
