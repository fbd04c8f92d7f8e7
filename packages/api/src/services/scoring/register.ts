import { setScoringChores, setScoringRecomputeRunner } from "@mg/jobs";
import { decayOrganization } from "./decay";
import { trainOrganizationModel } from "./model/train";
import { failRecompute, runRecompute } from "./recompute";

/**
 * Hands lead scoring's chores to the job package (which cannot import @mg/api). Loaded by the
 * scoring router, so any process serving the API — and so the local scheduler beside it — has them.
 */
setScoringChores({
  decay: (organizationId, now) => decayOrganization(organizationId, now),
  // Six days: the weekly cron always finds last week's model stale.
  train: (organizationId, now) => trainOrganizationModel(organizationId, now, { freshForMs: 6 * 86_400_000 }),
});
setScoringRecomputeRunner({
  run: (input) => runRecompute(input),
  fail: (input) => failRecompute(input.organizationId, input.recomputeId, input.reason),
});
