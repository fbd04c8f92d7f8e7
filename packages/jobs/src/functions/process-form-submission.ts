import { inngest } from "../client";
import { formMailRequested, formSubmissionReceived } from "../events";
import { leadIntake } from "../forms/lead-intake-registry";

/**
 * `form/submission.received` → the submission becomes a contact (consent, attribution, timeline,
 * score, owner, notification) in one transaction that also marks it PROCESSED, so a retry or a
 * duplicate delivery finds nothing left to do. Retried until it succeeds; after the last retry it
 * is FAILED with the error, and re-processing from the app sends the event again. One
 * organization's burst cannot starve the others (concurrency per organization).
 */
export const processFormSubmissionFn = inngest.createFunction(
  {
    id: "process-form-submission",
    name: "Turn a form submission into a contact",
    triggers: [formSubmissionReceived],
    concurrency: { key: "event.data.organizationId", limit: 5 },
    retries: 8,
    onFailure: async ({ event, error }) => {
      const data = event.data.event.data;
      await leadIntake().fail({ organizationId: data.organizationId, submissionId: data.submissionId, reason: error.message });
    },
  },
  async ({ event, step, attempt }) => step.run("process", () => leadIntake().process({ ...event.data, attempt })),
);

/** `form/mail.requested` → the owner's notification or the visitor's confirmation mail (ledgered: at most once). */
export const sendFormMailFn = inngest.createFunction(
  {
    id: "send-form-mail",
    name: "Mail about a form submission",
    triggers: [formMailRequested],
    concurrency: { key: "event.data.organizationId", limit: 5 },
    retries: 6,
  },
  async ({ event, step }) => step.run("mail", () => leadIntake().mail(event.data)),
);
