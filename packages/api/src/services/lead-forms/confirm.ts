import { recordConsent } from "../crm/consent";
import { submissionContextSchema } from "./process";
import { withPublicFormOrgById } from "./public-entry";
import { verifyConfirmToken } from "./token";

/**
 * Double opt-in: the visitor's POST from the confirmation page (a GET only shows the button —
 * mail scanners open links). Records every consent the submission carried as GRANTED with method
 * "double_opt_in" (the wording version they saw, this request's IP and user agent, the form's
 * page) and sets confirmedAt; a second confirmation changes nothing.
 */
export type ConfirmOutcome = { kind: "confirmed"; alreadyConfirmed: boolean; organizationName: string } | { kind: "invalid" } | { kind: "pending" };

export async function confirmSubmission(token: string, request: { ip: string | null; userAgent: string | null }, now: Date = new Date()): Promise<ConfirmOutcome> {
  const facts = verifyConfirmToken(token, now);
  if (!facts) return { kind: "invalid" };
  const outcome = await withPublicFormOrgById(facts.organizationId, async (db, org): Promise<ConfirmOutcome> => {
    const [row] = await db.$queryRaw<{ confirmed_at: Date | null; contact_id: string | null; status: string }[]>`
      SELECT confirmed_at, contact_id, status::text AS status FROM form_submissions
      WHERE organization_id = ${org.id}::uuid AND id = ${facts.submissionId}::uuid FOR UPDATE`;
    if (!row) return { kind: "invalid" };
    if (row.confirmed_at) return { kind: "confirmed", alreadyConfirmed: true, organizationName: org.name };
    if (!row.contact_id || row.status !== "PROCESSED") return { kind: "pending" };
    const submission = await db.formSubmission.findFirst({ where: { id: facts.submissionId }, select: { context: true, formId: true, form: { select: { name: true } } } });
    if (!submission) return { kind: "invalid" };
    const context = submissionContextSchema.parse(submission.context);
    for (const consent of context.consents) {
      await recordConsent(
        db,
        org.id,
        row.contact_id,
        { channel: consent.channel, purpose: consent.purpose, status: "GRANTED", wordingVersion: `${submission.formId}:${consent.id}:v${consent.version}`, wording: consent.wording, method: "double_opt_in", ip: request.ip, userAgent: request.userAgent?.slice(0, 500) ?? null, pageUrl: context.pageUrl },
        { userId: null, label: `Form: ${submission.form.name}`.slice(0, 200) },
      );
    }
    await db.formSubmission.update({ where: { organizationId_id: { organizationId: org.id, id: facts.submissionId } }, data: { confirmedAt: now } });
    return { kind: "confirmed", alreadyConfirmed: false, organizationName: org.name };
  });
  return outcome ?? { kind: "invalid" };
}
