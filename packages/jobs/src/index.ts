export {
  APP_ID,
  createJobsClient,
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
  type ReplayOptions,
  type ReplayResult,
  type SendEventResult,
} from "./client";
export {
  memberInvited,
  organizationCreated,
  jobEventSchemas,
  type JobEvent,
  type JobEventData,
  type JobEventName,
  type MemberInvitedData,
  type OrganizationCreatedData,
} from "./events";
export { functions, provisionOrganization, replayOutboxCron, sendInvitationMail } from "./functions";
export { DEFAULT_ONBOARDING_TASKS, type OnboardingTaskKey } from "./onboarding";
