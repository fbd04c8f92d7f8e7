export { publishTarget, abandonTarget, idempotencyKeyFor, PublishRetryableError, type PublishOutcome, type PublishTargetInput, type AbandonInput } from "./publish-target";
export { verifyTarget, type VerifyOutcome, type VerifyTargetInput } from "./verify-target";
export { startPublishing, type PublishPlan, type PublishPlanInput } from "./plan";
export { aggregatePostStatus, lockPost, refreshPostStatus } from "./post-status";
export {
  dispatchDuePosts,
  retryStuckTargets,
  verifyAcknowledged,
  runPublishingSweep,
  type DispatchOptions,
  type DispatchResult,
  type SweepOptions,
  type SweepResult,
  type SweepLogger,
} from "./sweep";
export { syncAccountMetrics, accountsToSync, hourStart, utcDay, METRICS_LOOKBACK_DAYS, type SyncAccountInput, type SyncAccountResult } from "./metrics";
export { decideAbTest, metricValue, pickWinner, type AbTestResult, type DecideAbTestOutcome, type VariantResult } from "./ab-test";
export { refreshAccountToken, accountsWithExpiringTokens, ensureFreshToken, type RefreshAccountOutcome, type FreshTokenOutcome } from "./tokens";
export { lagWindowEndsAt } from "./publish-target";
export {
  materializeRecurrences,
  recurringSeries,
  RECURRENCE_HORIZON_DAYS,
  OCCURRENCE_SCHEDULE_VERSION,
  type MaterializeInput,
  type MaterializeResult,
  type MaterializedOccurrence,
} from "./recurrences";
export { raiseAlert, alertKeys, type AlertInput } from "./alerts";
export { SEND_LEASE_MS, MISSED_AFTER_MS, SWEEP_GRACE_MS, VERIFY_DELAY_MS, VERIFY_GIVE_UP_MS, PUBLISH_CLOCK_SKEW_MS, TOKEN_REFRESH_AHEAD_MS, accountSpacingMs } from "./config";
