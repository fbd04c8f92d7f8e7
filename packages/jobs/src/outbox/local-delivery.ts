import { runContactImportLocally } from "../crm/contact-import-runner";
import { runCrmExportLocally } from "../crm/crm-export-runner";
import type { ContactImportRequestedData, CrmExportRequestedData, FormMailRequestedData, FormSubmissionReceivedData, JobEventName, LeadQualifiedData, MemberInvitedData, OrganizationCreatedData, ScoringOrganizationData, ScoringRecomputeRequestedData } from "../events";
import { leadIntake } from "../forms/lead-intake-registry";
import { deliverInvitationMailNow } from "../invitations";
import { provisionOrganizationNow } from "../provisioning";
import { mailLeadQualified } from "../scoring/lead-qualified-mail";
import { runScoringRecomputeLocally, scoringChores } from "../scoring/runner";

/**
 * Delivery without a job engine (a laptop, a small server): what each event's function would do,
 * run in this process by the relay. Publishing events need nothing here — the local scheduler
 * publishes from the posts' own state (due, retried, cancelled), decides A/B tests and syncs
 * metrics on its own schedule — so for them delivery is only the record that they were handled.
 */
const HANDLERS: Record<JobEventName, ((data: Record<string, unknown>) => Promise<unknown>) | null> = {
  "organization/created": (data) => provisionOrganizationNow((data as OrganizationCreatedData).organizationId),
  "member/invited": (data) => deliverInvitationMailNow(data as MemberInvitedData),
  "post/scheduled": null,
  "post/cancelled": null,
  "post/publish.requested": null,
  "ab-test/started": null,
  "metrics/sync.account": null,
  // The local scheduler's housekeeping reminds due tasks from their own state (crm/task-reminders).
  "task/scheduled": null,
  // Likewise due page schedules (pages/page-schedule.ts), from the pages' publishAt / unpublishAt.
  "page/scheduled": null,
  // Started in the background: the import's own cursor, not this delivery, makes it durable.
  "crm/contact-import.requested": async (data) => runContactImportLocally(data as ContactImportRequestedData),
  "crm/export.requested": async (data) => runCrmExportLocally(data as CrmExportRequestedData),
  // Awaited: a failure leaves the event PENDING with its back-off, so the relay retries the submission.
  "form/submission.received": (data) => leadIntake().process(data as FormSubmissionReceivedData),
  "form/mail.requested": (data) => leadIntake().mail(data as FormMailRequestedData),
  // Nurturing (messaging) listens with an engine; nothing runs for it in process yet.
  "lead/submitted": null,
  "scoring/lead.qualified": (data) => mailLeadQualified(data as LeadQualifiedData),
  "scoring/recompute.requested": async (data) => runScoringRecomputeLocally(data as ScoringRecomputeRequestedData),
  // The crons' fan-out; without an engine the housekeeping runs the same chores on its own schedule.
  "scoring/decay.due": (data) => scoringChores().decay((data as ScoringOrganizationData).organizationId, new Date()),
  "scoring/train.due": (data) => scoringChores().train((data as ScoringOrganizationData).organizationId, new Date()),
};

/** Whether delivering `name` in process does anything (else it is only recorded as handled). */
export function hasLocalEffect(name: JobEventName): boolean {
  return HANDLERS[name] !== null;
}

export async function deliverLocally(name: JobEventName, data: Record<string, unknown>): Promise<void> {
  await HANDLERS[name]?.(data);
}
