export {
  LOCAL_DATE_TIME_REGEX,
  LOCAL_TIME_OF_DAY_REGEX,
  formatLocalDateTime,
  isValidLocalDateTime,
  isValidLocalTimeOfDay,
  shiftLocalDays,
  type Disambiguation,
  type LocalDateTime,
  type LocalTimeOfDay,
} from "./local-time";
export {
  assertTimeZone,
  formatZoned,
  toLocalTime,
  zoneAbbreviation,
  zoneOffset,
  zoneOffsetLabel,
  type FormatZonedOptions,
} from "./time-zone";
export { resolveLocalTime, type ResolveResult, type ResolvedInstant } from "./resolve";
export {
  MAX_OCCURRENCES,
  describeRecurrence,
  expandRecurrence,
  parseRecurrenceRule,
  type ExpandRecurrenceInput,
  type ParsedRecurrenceRule,
  type RecurrenceOccurrence,
} from "./recurrence";
export { nextFreeSlot, type NextFreeSlotInput, type QueueSlot } from "./queue-slots";
export {
  NETWORK_DEFAULT_TIMES,
  SHRINKAGE_PRIOR_SAMPLES,
  suggestOptimalTimes,
  type EngagementSample,
  type OptimalTimeSlot,
  type OptimalTimeSuggestion,
  type SocialNetwork,
  type SuggestOptimalTimesInput,
  type WeeklyHour,
} from "./optimal-time";
