export {
  APP_ID,
  createJobsClient,
  deliverOutboxEvents,
  enqueueEvents,
  inngest,
  jobEngineConfigured,
  jobsClientConfigFromEnv,
  outboxStatus,
  pendingEventsForOrganization,
  replayOutbox,
  sendEvent,
  sendEvents,
  type JobsClient,
  type JobsClientConfig,
  type OutboxStatus,
  type OutboxWriter,
  type ReplayOptions,
  type ReplayResult,
  type SendEventResult,
} from "./client";
export {
  memberInvited,
  organizationCreated,
  postScheduled,
  postCancelled,
  postPublishRequested,
  abTestStarted,
  metricsSyncAccount,
  contactImportRequested,
  crmExportRequested,
  pageScheduled,
  formSubmissionReceived,
  formMailRequested,
  leadSubmitted,
  leadQualified,
  scoringRecomputeRequested,
  jobEventSchemas,
  type FormMailRequestedData,
  type FormSubmissionReceivedData,
  type LeadSubmittedData,
  type JobEvent,
  type JobEventData,
  type JobEventName,
  type MemberInvitedData,
  type OrganizationCreatedData,
} from "./events";
export {
  checkAccountTokens,
  decideAbTestFn,
  extendRecurrences,
  functions,
  provisionOrganization,
  publishPost,
  publishRequested,
  replayOutboxCron,
  sendInvitationMail,
  sweepDuePosts,
  syncAccountMetricsFn,
  syncMetricsCron,
} from "./functions";
export { startLocalScheduler, dispatchDuePosts, type LocalSchedulerOptions } from "./local-scheduler";
export { contactImportFn } from "./crm/contact-import";
export { setContactImportRunner, settleLocalContactImports, type ContactImportRunner, type ContactImportRunResult } from "./crm/contact-import-runner";
export { crmExportFn } from "./crm/crm-export";
export { setLeadIntakeProcessor, type LeadIntakeProcessor } from "./forms/lead-intake-registry";
export { setScoringChores, setScoringRecomputeRunner, settleLocalScoringRecomputes, type ScoringChores, type ScoringRecomputeRunner } from "./scoring/runner";
export type { ChunkedRunResult } from "./crm/chunked-run-registry";
export { leadQualifiedMail, mailLeadQualified } from "./scoring/lead-qualified-mail";
export { purgeExpiredExportFiles } from "./crm/expired-exports";
export { setCrmExportRunner, settleLocalCrmExports, type CrmExportRunner } from "./crm/crm-export-runner";
export { materializeRecurrences, type MaterializeInput, type MaterializeResult, type MaterializedOccurrence } from "./publishing";
export { DEFAULT_ONBOARDING_TASKS, type OnboardingTaskKey } from "./onboarding";
export { DELAY_GRACE_MS, delayedEventsForOrganization, outboxHealth, type DelayedEventGroup, type OutboxHealth } from "./outbox/delays";
