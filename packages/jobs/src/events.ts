import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event the app sends, with its zod schema. Inngest v4 types a function's `event.data`
 * from the `eventType()` used as its trigger and validates incoming data against the schema
 * (a mismatch fails the run without retries). `sendEvent` validates before sending, so a bad
 * payload fails at the call site instead of sitting in the outbox.
 *
 * Schemas must not transform (Inngest v4 rejects schemas whose input and output types differ),
 * so no `.default()` / `.transform()` here.
 */

// The same shape check as the db layer's tenant client. `z.uuid()` would also demand RFC version
// and variant bits, which hand-written seed/test ids such as 1111…1111 do not have.
const id = () => z.guid();

export const organizationCreatedData = z.object({
  organizationId: id(),
  /** The user who created it (its first owner); null for organizations created by the system. */
  createdByUserId: id().nullable(),
});

export const memberInvitedData = z.object({
  organizationId: id(),
  invitationId: id(),
  email: z.email(),
  /** The accept link (it carries the one-time token). http(s) only: it becomes an href in mail. */
  inviteUrl: z.url({ protocol: /^https?$/ }),
  organizationName: z.string().min(1),
  /** Display name of the inviter; null when the inviter has no name on file. */
  inviterName: z.string().nullable(),
});

/** A post was (re)scheduled; `id` = `post:<postId>:v<scheduleVersion>` so a resend is deduplicated. */
export const postScheduledData = z.object({
  organizationId: id(),
  postId: id(),
  scheduleVersion: z.number().int().nonnegative(),
  /** ISO instant to publish at (already resolved from the zone + wall-clock time). */
  scheduledAt: z.iso.datetime({ offset: true }),
});

/** A post was unscheduled, rescheduled or deleted: runs for versions before `scheduleVersion` stand down. */
export const postCancelledData = z.object({
  organizationId: id(),
  postId: id(),
  scheduleVersion: z.number().int().nonnegative(),
});

/** One-click retry of one failed target, or "publish now" of a whole post (targetIds empty = all). */
export const postPublishRequestedData = z.object({
  organizationId: id(),
  postId: id(),
  scheduleVersion: z.number().int().nonnegative(),
  targetIds: z.array(id()),
});

/** An A/B test started: decide the winner at `decideAt`. */
export const abTestStartedData = z.object({
  organizationId: id(),
  abTestId: id(),
  decideAt: z.iso.datetime({ offset: true }),
});

/** Pull metrics of one account (fanned out by the metrics cron). */
export const metricsSyncAccountData = z.object({
  organizationId: id(),
  socialAccountId: id(),
});

/** A contact import was started or resumed: process its chunks from the cursor. */
export const contactImportRequestedData = z.object({
  organizationId: id(),
  importId: id(),
});

/** A CSV export of CRM records was asked for (or resumed): write its parts from the cursor. */
export const crmExportRequestedData = z.object({
  organizationId: id(),
  exportId: id(),
});

/** A CRM task got (or changed) its due time; `id` = `task:<taskId>:<dueAt>` so a resend is deduplicated. */
export const taskScheduledData = z.object({
  organizationId: id(),
  taskId: id(),
  /** ISO instant the assignee is reminded at (resolved from the task's zone + wall time). */
  dueAt: z.iso.datetime({ offset: true }),
});

/**
 * A landing page's publish or unpublish was scheduled; `id` = `page:<pageId>:<action>:<at>` so a
 * resend is deduplicated. The run stands down unless the page still holds that very time.
 */
export const pageScheduledData = z.object({
  organizationId: id(),
  pageId: id(),
  action: z.enum(["publish", "unpublish"]),
  /** ISO instant (resolved from the organization's zone + the wall time the user picked). */
  at: z.iso.datetime({ offset: true }),
});

/** A lead form submission was stored (public intake): turn it into a contact, exactly once. */
export const formSubmissionReceivedData = z.object({
  organizationId: id(),
  submissionId: id(),
});

/** A mail about a submission: the owner's notification, or the visitor's double opt-in confirmation. */
export const formMailRequestedData = z.object({
  organizationId: id(),
  submissionId: id(),
  kind: z.enum(["owner", "confirm"]),
});

/** A submission became (or updated) a contact: for nurturing (messaging listens to it). */
export const leadSubmittedData = z.object({
  organizationId: id(),
  submissionId: id(),
  formId: id(),
  contactId: id(),
  /** Whether the contact was created by this submission (else an existing one was updated). */
  created: z.boolean(),
  /** Marketing consent is pending the visitor's confirmation (double opt-in). */
  awaitingConfirmation: z.boolean(),
});

/** A contact's score crossed a threshold that notifies its owner: mail them (the in-app alert is already raised). */
export const leadQualifiedData = z.object({
  organizationId: id(),
  contactId: id(),
  userId: id(),
  scoreLabel: z.string().min(1).max(100),
  total: z.number().int(),
  atLeast: z.number().int(),
});

/** Recompute every contact's scores of an organization (rules changed): walk from the run's cursor. */
export const scoringRecomputeRequestedData = z.object({
  organizationId: id(),
  recomputeId: id(),
});

/** Daily decay / weekly model training of one organization (fanned out by the crons). */
export const scoringOrganizationData = z.object({
  organizationId: id(),
  /** The day (YYYY-MM-DD, UTC) the chore is for: one decay run per organization and day. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const postScheduled = eventType("post/scheduled", { schema: postScheduledData });
export const postCancelled = eventType("post/cancelled", { schema: postCancelledData });
export const postPublishRequested = eventType("post/publish.requested", { schema: postPublishRequestedData });
export const abTestStarted = eventType("ab-test/started", { schema: abTestStartedData });
export const metricsSyncAccount = eventType("metrics/sync.account", { schema: metricsSyncAccountData });
export const pageScheduled = eventType("page/scheduled", { schema: pageScheduledData });
export const taskScheduled = eventType("task/scheduled", { schema: taskScheduledData });
export const contactImportRequested = eventType("crm/contact-import.requested", { schema: contactImportRequestedData });
export const crmExportRequested = eventType("crm/export.requested", { schema: crmExportRequestedData });

export const formSubmissionReceived = eventType("form/submission.received", { schema: formSubmissionReceivedData });
export const formMailRequested = eventType("form/mail.requested", { schema: formMailRequestedData });
export const leadSubmitted = eventType("lead/submitted", { schema: leadSubmittedData });
export const leadQualified = eventType("scoring/lead.qualified", { schema: leadQualifiedData });
export const scoringRecomputeRequested = eventType("scoring/recompute.requested", { schema: scoringRecomputeRequestedData });
export const scoringDecayDue = eventType("scoring/decay.due", { schema: scoringOrganizationData });
export const scoringTrainDue = eventType("scoring/train.due", { schema: scoringOrganizationData });

export const organizationCreated = eventType("organization/created", { schema: organizationCreatedData });
export const memberInvited = eventType("member/invited", { schema: memberInvitedData });

/** Name → data schema, for runtime validation and for typing `sendEvent`. */
export const jobEventSchemas = {
  "organization/created": organizationCreatedData,
  "member/invited": memberInvitedData,
  "post/scheduled": postScheduledData,
  "post/cancelled": postCancelledData,
  "post/publish.requested": postPublishRequestedData,
  "ab-test/started": abTestStartedData,
  "metrics/sync.account": metricsSyncAccountData,
  "task/scheduled": taskScheduledData,
  "page/scheduled": pageScheduledData,
  "crm/contact-import.requested": contactImportRequestedData,
  "crm/export.requested": crmExportRequestedData,
  "form/submission.received": formSubmissionReceivedData,
  "form/mail.requested": formMailRequestedData,
  "lead/submitted": leadSubmittedData,
  "scoring/lead.qualified": leadQualifiedData,
  "scoring/recompute.requested": scoringRecomputeRequestedData,
  "scoring/decay.due": scoringOrganizationData,
  "scoring/train.due": scoringOrganizationData,
} as const;

export type JobEventName = keyof typeof jobEventSchemas;
export type JobEventData<N extends JobEventName> = z.infer<(typeof jobEventSchemas)[N]>;

export type OrganizationCreatedData = JobEventData<"organization/created">;
export type MemberInvitedData = JobEventData<"member/invited">;
export type ContactImportRequestedData = JobEventData<"crm/contact-import.requested">;
export type PageScheduledData = JobEventData<"page/scheduled">;
export type CrmExportRequestedData = JobEventData<"crm/export.requested">;
export type FormSubmissionReceivedData = JobEventData<"form/submission.received">;
export type FormMailRequestedData = JobEventData<"form/mail.requested">;
export type LeadSubmittedData = JobEventData<"lead/submitted">;
export type LeadQualifiedData = JobEventData<"scoring/lead.qualified">;
export type ScoringRecomputeRequestedData = JobEventData<"scoring/recompute.requested">;
export type ScoringOrganizationData = JobEventData<"scoring/decay.due">;

/**
 * An event as the API layer sends it. `id` is the deduplication key: pass a deterministic one
 * when the action may be retried (e.g. `invite:${invitationId}`); one is generated otherwise.
 */
export type JobEvent = {
  [N in JobEventName]: { name: N; data: JobEventData<N>; id?: string };
}[JobEventName];

export function isJobEventName(name: string): name is JobEventName {
  return Object.hasOwn(jobEventSchemas, name);
}
