import { contactImportFn } from "../crm/contact-import";
import { crmExportFn } from "../crm/crm-export";
import { checkAccountTokens } from "./check-account-tokens";
import { decideAbTestFn } from "./decide-ab-test";
import { extendRecurrences } from "./extend-recurrences";
import { provisionOrganization } from "./provision-organization";
import { publishPost } from "./publish-post";
import { purgeExpiredExportsCron } from "./purge-expired-exports";
import { publishRequested } from "./publish-requested";
import { remindTaskFn } from "./remind-task";
import { replayOutboxCron } from "./replay-outbox";
import { sendInvitationMail } from "./send-invitation-mail";
import { sweepDuePosts } from "./sweep-due-posts";
import { syncAccountMetricsFn, syncMetricsCron } from "./sync-metrics";
import { leadQualifiedMailFn, scoringDecayCron, scoringDecayFn, scoringRecomputeFn, scoringTrainCron, scoringTrainFn } from "../scoring/functions";

export {
  checkAccountTokens,
  contactImportFn,
  crmExportFn,
  decideAbTestFn,
  extendRecurrences,
  provisionOrganization,
  publishPost,
  publishRequested,
  purgeExpiredExportsCron,
  remindTaskFn,
  replayOutboxCron,
  sendInvitationMail,
  sweepDuePosts,
  syncAccountMetricsFn,
  syncMetricsCron,
  leadQualifiedMailFn,
  scoringDecayCron,
  scoringDecayFn,
  scoringRecomputeFn,
  scoringTrainCron,
  scoringTrainFn,
};

/** Everything `serve({ client: inngest, functions })` registers at /api/inngest. */
export const functions = [
  provisionOrganization,
  sendInvitationMail,
  replayOutboxCron,
  publishPost,
  publishRequested,
  sweepDuePosts,
  decideAbTestFn,
  syncMetricsCron,
  syncAccountMetricsFn,
  checkAccountTokens,
  extendRecurrences,
  remindTaskFn,
  contactImportFn,
  crmExportFn,
  purgeExpiredExportsCron,
  scoringDecayCron,
  scoringDecayFn,
  scoringTrainCron,
  scoringTrainFn,
  scoringRecomputeFn,
  leadQualifiedMailFn,
];
