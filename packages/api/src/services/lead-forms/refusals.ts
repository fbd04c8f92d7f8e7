import type { TenantDb } from "@mg/db";

/**
 * Why a submission was refused, as counted per form and day (form_refusal_counts) and shown on the
 * form's Spam tab. A refusal before the token is verified cannot be counted: nothing trustworthy
 * says whose form it was.
 */
export const REFUSAL_REASONS = ["honeypot", "too_fast", "expired", "rate_limited_ip", "rate_limited_form", "disposable_email", "captcha_failed", "invalid_input"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const REFUSAL_LABELS: Record<RefusalReason, string> = {
  honeypot: "Hidden trap field filled in (bot)",
  too_fast: "Sent less than 2 seconds after the form was shown",
  expired: "Form shown more than 24 hours before sending",
  rate_limited_ip: "Too many submissions from one address",
  rate_limited_form: "Too many submissions to this form at once",
  disposable_email: "Disposable email address",
  captcha_failed: "Turnstile check failed",
  invalid_input: "Unreadable input (control characters)",
};

export async function countRefusal(db: TenantDb, organizationId: string, formId: string, reason: RefusalReason, now: Date = new Date()): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  await db.$executeRaw`
    INSERT INTO form_refusal_counts (organization_id, form_id, day, reason, count)
    VALUES (${organizationId}::uuid, ${formId}::uuid, ${day}::date, ${reason}, 1)
    ON CONFLICT (organization_id, form_id, day, reason) DO UPDATE SET count = form_refusal_counts.count + 1`;
}
