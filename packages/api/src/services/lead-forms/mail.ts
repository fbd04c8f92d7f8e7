import { withOrg, type TenantDb } from "@mg/db";
import { escapeHtml, sendMail, type MailMessage } from "@mg/jobs/mailer";
import { jobsEnv } from "@mg/jobs/env";
import { apiEnv } from "../../env";
import { contactDisplayName } from "../crm/contacts";
import { signConfirmToken } from "./token";

/**
 * The two mails about a submission — the owner's "new lead" and the visitor's double opt-in
 * confirmation — each sent at most once: the send is claimed in the submission's own row
 * (context.mailed.{kind}) before the mail goes, and released if sending fails so the retry sends.
 * Every tenant- or visitor-written string is escaped in the HTML part.
 */
export type FormMailKind = "owner" | "confirm";

interface Claimed {
  to: string;
  message: Omit<MailMessage, "to">;
}

async function claim(db: TenantDb, organizationId: string, submissionId: string, kind: FormMailKind): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE form_submissions SET context = context || jsonb_build_object('mailed', COALESCE(context->'mailed', '{}'::jsonb) || jsonb_build_object(${kind}::text, now()))
    WHERE organization_id = ${organizationId}::uuid AND id = ${submissionId}::uuid AND NOT COALESCE(context->'mailed' ? ${kind}::text, false)`;
  return claimed > 0;
}

async function release(organizationId: string, submissionId: string, kind: FormMailKind): Promise<void> {
  await withOrg(organizationId, (db) => db.$executeRaw`
    UPDATE form_submissions SET context = jsonb_set(context, '{mailed}', (context->'mailed') - ${kind}::text)
    WHERE organization_id = ${organizationId}::uuid AND id = ${submissionId}::uuid`);
}

export function ownerMail(input: { ownerName: string | null; leadName: string; formName: string; answers: [string, string][]; url: string }): Omit<MailMessage, "to"> {
  const greeting = input.ownerName ? `Hi ${input.ownerName},` : "Hi,";
  const line = `${input.leadName} sent the form “${input.formName}”.`;
  const rows = input.answers.map(([k, v]) => `${k}: ${v}`).join("\n");
  return {
    subject: `New lead: ${input.leadName}`.slice(0, 200),
    text: `${greeting}\n\n${line}\n\n${rows}\n\nOpen the contact: ${input.url}\n`,
    html: [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New lead</title></head><body style="font-family:system-ui,sans-serif;color:#0f172a">',
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(line)}</p>`,
      `<table>${input.answers.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>`,
      `<p><a href="${escapeHtml(input.url)}" style="color:#4f46e5">Open the contact</a></p></body></html>`,
    ].join("\n"),
  };
}

export function confirmMail(input: { organizationName: string; url: string }): Omit<MailMessage, "to"> {
  const line = `Please confirm that ${input.organizationName} may contact you as you asked.`;
  return {
    subject: `Please confirm: ${input.organizationName}`.slice(0, 200),
    text: `${line}\n\nConfirm: ${input.url}\n\nIf you did not fill in a form, ignore this mail: nothing happens without your confirmation.\n`,
    html: [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Please confirm</title></head><body style="font-family:system-ui,sans-serif;color:#0f172a">',
      `<p>${escapeHtml(line)}</p><p><a href="${escapeHtml(input.url)}" style="color:#4f46e5">Confirm</a></p>`,
      "<p>If you did not fill in a form, ignore this mail: nothing happens without your confirmation.</p></body></html>",
    ].join("\n"),
  };
}

async function prepare(db: TenantDb, organizationId: string, submissionId: string, kind: FormMailKind): Promise<Claimed | null> {
  const submission = await db.formSubmission.findFirst({
    where: { id: submissionId, status: "PROCESSED" },
    select: { id: true, values: true, contactId: true, receivedAt: true, form: { select: { name: true, definition: true } } },
  });
  if (!submission?.contactId) return null;
  const contact = await db.contact.findFirst({ where: { id: submission.contactId }, select: { id: true, firstName: true, lastName: true, primaryEmail: true, primaryPhone: true, ownerUserId: true } });
  if (!contact) return null;
  const org = await db.organization.findFirst({ where: { id: organizationId }, select: { slug: true, name: true } });
  if (!org) return null;
  if (kind === "confirm") {
    if (!contact.primaryEmail) return null;
    const token = signConfirmToken({ organizationId, submissionId, issuedAt: new Date() });
    const url = new URL(`/f/confirm?token=${encodeURIComponent(token)}`, apiEnv().NEXT_PUBLIC_MARKETING_URL).toString();
    return { to: contact.primaryEmail, message: confirmMail({ organizationName: org.name, url }) };
  }
  if (!contact.ownerUserId) return null;
  const owner = await db.membership.findFirst({ where: { userId: contact.ownerUserId }, select: { user: { select: { name: true, email: true } } } });
  if (!owner) return null;
  const values = (submission.values ?? {}) as Record<string, unknown>;
  const answers: [string, string][] = Object.entries(values).map(([k, v]) => [k, (Array.isArray(v) ? v.join(", ") : String(v)).slice(0, 500)]);
  const url = new URL(`/${org.slug}/contacts/${contact.id}`, jobsEnv().APP_URL).toString();
  return { to: owner.user.email, message: ownerMail({ ownerName: owner.user.name, leadName: contactDisplayName(contact), formName: submission.form.name, answers, url }) };
}

export async function sendFormMail(input: { organizationId: string; submissionId: string; kind: FormMailKind }, deps: { send?: (m: MailMessage) => Promise<unknown> } = {}): Promise<{ sent: boolean }> {
  const claimed = await withOrg(input.organizationId, async (db) => {
    const mail = await prepare(db, input.organizationId, input.submissionId, input.kind);
    if (!mail) return null;
    return (await claim(db, input.organizationId, input.submissionId, input.kind)) ? mail : null;
  });
  if (!claimed) return { sent: false };
  try {
    await (deps.send ?? sendMail)({ to: claimed.to, ...claimed.message });
  } catch (error) {
    await release(input.organizationId, input.submissionId, input.kind);
    throw error;
  }
  return { sent: true };
}
