import { withOrg } from "@mg/db";
import { jobsEnv } from "../env";
import type { LeadQualifiedData } from "../events";
import { escapeHtml, sendMail, type MailMessage } from "../mailer";

/**
 * The mail half of "notify the owner" when a score crosses a threshold (the in-app alert was
 * raised by the scoring transaction itself). Delivered from the outbox, so a mail server that is
 * down only delays it; the event id keeps it single.
 */
export function leadQualifiedMail(input: { contactName: string; scoreLabel: string; total: number; atLeast: number; organizationName: string; url: string; recipientName: string | null }): { subject: string; text: string; html: string } {
  const greeting = input.recipientName ? `Hi ${input.recipientName},` : "Hi,";
  const line = `${input.contactName} reached ${input.total} on “${input.scoreLabel}” (threshold ${input.atLeast}) in ${input.organizationName}.`;
  return {
    subject: `Lead qualified: ${input.contactName}`.slice(0, 200),
    text: `${greeting}\n\n${line}\n\nOpen the contact: ${input.url}\n`,
    html: [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lead qualified</title></head>',
      '<body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">',
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(line)}</p>`,
      `<p><a href="${escapeHtml(input.url)}" style="color:#4f46e5">Open the contact</a></p>`,
      "</body></html>",
    ].join("\n"),
  };
}

export async function mailLeadQualified(data: LeadQualifiedData, deps: { send?: (message: MailMessage) => Promise<unknown> } = {}): Promise<{ mailed: boolean }> {
  const found = await withOrg(data.organizationId, async (db) => {
    const [org, member, contact] = await Promise.all([
      db.organization.findFirst({ where: { id: data.organizationId }, select: { slug: true, name: true } }),
      db.membership.findFirst({ where: { userId: data.userId }, select: { user: { select: { name: true, email: true } } } }),
      db.contact.findFirst({ where: { id: data.contactId }, select: { firstName: true, lastName: true, primaryEmail: true } }),
    ]);
    return org && member && contact ? { org, user: member.user, contact } : null;
  });
  // The owner left, or the contact is gone: nobody to tell (not an error to retry).
  if (!found) return { mailed: false };
  const contactName = [found.contact.firstName, found.contact.lastName].filter(Boolean).join(" ") || found.contact.primaryEmail || "A contact";
  const url = new URL(`/${found.org.slug}/contacts/${data.contactId}`, jobsEnv().APP_URL).toString();
  const mail = leadQualifiedMail({ contactName, scoreLabel: data.scoreLabel, total: data.total, atLeast: data.atLeast, organizationName: found.org.name, url, recipientName: found.user.name });
  await (deps.send ?? sendMail)({ to: found.user.email, ...mail });
  return { mailed: true };
}
