import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { submissionReprocessInput } from "../../schemas/forms";
import { findForm } from "./shared";

/**
 * Runs a submission's intake again (after a failure, or to retry one still waiting): back to
 * RECEIVED with its attempts reset, and a new event in this transaction. A processed submission
 * is not run twice — that would be a second contact event.
 */
export const reprocessSubmission = orgProcedure("forms.edit")
  .input(submissionReprocessInput)
  .mutation(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    const submission = await ctx.db.formSubmission.findFirst({ where: { id: input.submissionId, formId: form.id }, select: { id: true, status: true } });
    if (!submission) throw new TRPCError({ code: "NOT_FOUND", message: "Submission not found." });
    if (submission.status === "PROCESSED") throw new TRPCError({ code: "CONFLICT", message: "This submission is already processed: its contact exists." });
    await ctx.db.formSubmission.updateMany({ where: { id: submission.id }, data: { status: "RECEIVED", attempts: 0, lastError: null } });
    await ctx.emit({ name: "form/submission.received", id: `form-submission:${submission.id}:again:${randomUUID()}`, data: { organizationId: ctx.org.id, submissionId: submission.id } });
    ctx.audit.target("form_submission", submission.id);
    return { id: submission.id, status: "RECEIVED" as const };
  });
