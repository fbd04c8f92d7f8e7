import { deliverOutboxEvents, setLeadIntakeProcessor } from "@mg/jobs";
import { logger } from "@mg/logger";
import { sendFormMail } from "./mail";
import { processFormSubmission, recordProcessFailure } from "./process";

/**
 * Hands the intake's processor to the job package (which cannot import @mg/api). Loaded by the
 * forms router and the public intake, so any process serving either has it.
 */
setLeadIntakeProcessor({
  async process(input) {
    const result = await processFormSubmission(input);
    // The mails and `lead/submitted` were written with the contact; deliver them now rather than at the next sweep.
    if (result.status === "processed" && result.eventIds.length > 0) {
      void deliverOutboxEvents({ eventIds: result.eventIds }).catch((error: unknown) => logger.warn({ err: error }, "form submission: event delivery deferred"));
    }
    return result;
  },
  fail: (input) => recordProcessFailure(input.organizationId, input.submissionId, input.reason, { final: true }),
  mail: (input) => sendFormMail(input),
});
