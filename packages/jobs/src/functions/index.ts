import { contactImportFn } from "../crm/contact-import";
import { checkAccountTokens } from "./check-account-tokens";
import { decideAbTestFn } from "./decide-ab-test";
import { extendRecurrences } from "./extend-recurrences";
import { provisionOrganization } from "./provision-organization";
import { publishPost } from "./publish-post";
import { publishRequested } from "./publish-requested";
import { remindTaskFn } from "./remind-task";
import { replayOutboxCron } from "./replay-outbox";
import { sendInvitationMail } from "./send-invitation-mail";
import { sweepDuePosts } from "./sweep-due-posts";
import { syncAccountMetricsFn, syncMetricsCron } from "./sync-metrics";

export {
  checkAccountTokens,
  contactImportFn,
  decideAbTestFn,
  extendRecurrences,
  provisionOrganization,
  publishPost,
  publishRequested,
  remindTaskFn,
  replayOutboxCron,
  sendInvitationMail,
  sweepDuePosts,
  syncAccountMetricsFn,
  syncMetricsCron,
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
];
