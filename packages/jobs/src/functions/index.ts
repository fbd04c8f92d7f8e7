import { contactImportFn } from "../crm/contact-import";
import { crmExportFn } from "../crm/crm-export";
import { checkAccountTokens } from "./check-account-tokens";
import { decideAbTestFn } from "./decide-ab-test";
import { extendRecurrences } from "./extend-recurrences";
import { provisionOrganization } from "./provision-organization";
import { processFormSubmissionFn, sendFormMailFn } from "./process-form-submission";
import { publishPost } from "./publish-post";
import { purgeExpiredExportsCron } from "./purge-expired-exports";
import { publishRequested } from "./publish-requested";
import { remindTaskFn } from "./remind-task";
import { runPageScheduleFn } from "./run-page-schedule";
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
  processFormSubmissionFn,
  provisionOrganization,
  publishPost,
  publishRequested,
  purgeExpiredExportsCron,
  remindTaskFn,
  replayOutboxCron,
  runPageScheduleFn,
  sendFormMailFn,
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
  runPageScheduleFn,
  contactImportFn,
  crmExportFn,
  purgeExpiredExportsCron,
  processFormSubmissionFn,
  sendFormMailFn,
  scoringDecayCron,
  scoringDecayFn,
  scoringTrainCron,
  scoringTrainFn,
  scoringRecomputeFn,
  leadQualifiedMailFn,
];
