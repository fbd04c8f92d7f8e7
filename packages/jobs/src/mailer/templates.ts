/**
 * Transactional mail: plain, table-free HTML that survives every client, plus a text part.
 * Every interpolated value is escaped; links are only ever the URLs passed in.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = "Marketing Genius";

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

interface LayoutInput {
  /** Shown in the inbox list next to the subject. */
  preheader: string;
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}

function layout({ preheader, heading, paragraphs, action, footer }: LayoutInput): string {
  const p = (text: string) => `<p style="margin:0 0 16px;font-size:15px;line-height:1.6;color:#334155">${escapeHtml(text)}</p>`;
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(heading)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f8fafc;font-family:-apple-system,BlinkMacSystemFont,\'Segoe UI\',Roboto,Helvetica,Arial,sans-serif">',
    `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>`,
    '<div style="max-width:520px;margin:0 auto;padding:32px 24px">',
    `<div style="font-size:14px;font-weight:600;color:#6366f1;margin-bottom:24px">${PRODUCT}</div>`,
    '<div style="background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:32px">',
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:#0f172a">${escapeHtml(heading)}</h1>`,
    ...paragraphs.map(p),
    `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 20px;border-radius:8px">${escapeHtml(action.label)}</a></p>`,
    `<p style="margin:0;font-size:13px;line-height:1.5;color:#64748b">Or paste this link into your browser:<br><a href="${escapeHtml(action.url)}" style="color:#4f46e5;word-break:break-all">${escapeHtml(action.url)}</a></p>`,
    "</div>",
    `<p style="margin:24px 0 0;font-size:12px;line-height:1.5;color:#94a3b8">${escapeHtml(footer)}</p>`,
    "</div></body></html>",
  ].join("\n");
}

function text(lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

export interface WelcomeMailInput {
  organizationName: string;
  recipientName?: string | null;
  /** Where the onboarding checklist lives, e.g. `${APP_URL}/dashboard`. */
  dashboardUrl: string;
}

export function welcomeMail({ organizationName, recipientName, dashboardUrl }: WelcomeMailInput): MailContent {
  const greeting = recipientName ? `Hi ${recipientName},` : "Hi,";
  const intro = `${organizationName} is ready. We set up a short checklist to get you from zero to your first scheduled post.`;
  const steps = "Connect a social account, invite a teammate, set your time zone, create a landing page and schedule your first post.";
  const footer = `You are receiving this because you created ${organizationName} on ${PRODUCT}.`;
  return {
    subject: `Welcome to ${PRODUCT}, ${organizationName} is ready`,
    text: text([greeting, "", intro, "", steps, "", `Open your checklist: ${dashboardUrl}`, "", "--", footer]),
    html: layout({
      preheader: `${organizationName} is ready: here is your checklist.`,
      heading: `Welcome to ${PRODUCT}`,
      paragraphs: [greeting, intro, steps],
      action: { label: "Open your checklist", url: dashboardUrl },
      footer,
    }),
  };
}

export interface InvitationMailInput {
  organizationName: string;
  inviterName?: string | null;
  inviteUrl: string;
  /** e.g. "7 days"; omitted from the mail when not given. */
  expiresIn?: string;
}

export function invitationMail({ organizationName, inviterName, inviteUrl, expiresIn }: InvitationMailInput): MailContent {
  const who = inviterName ? `${inviterName} invited you` : "You have been invited";
  const intro = `${who} to join ${organizationName} on ${PRODUCT}.`;
  const expiry = expiresIn ? `The invitation expires in ${expiresIn}.` : "The invitation link can be used once.";
  const footer = "If you were not expecting this invitation, you can ignore this email.";
  return {
    subject: `${inviterName ? `${inviterName} invited you` : "You're invited"} to ${organizationName} on ${PRODUCT}`,
    text: text([intro, "", `Accept the invitation: ${inviteUrl}`, "", expiry, "", "--", footer]),
    html: layout({
      preheader: intro,
      heading: `Join ${organizationName}`,
      paragraphs: [intro, expiry],
      action: { label: "Accept invitation", url: inviteUrl },
      footer,
    }),
  };
}

export interface MagicLinkMailInput {
  /** The sign-in URL with its one-time token. */
  url: string;
  /** The app's host, shown so the user can tell a genuine mail from phishing. */
  host: string;
}

export function magicLinkMail({ url, host }: MagicLinkMailInput): MailContent {
  const intro = `Use the button below to sign in to ${PRODUCT} at ${host}. The link works once and expires shortly.`;
  const footer = "If you did not try to sign in, you can ignore this email: nobody can sign in without the link.";
  return {
    subject: `Sign in to ${PRODUCT}`,
    text: text([`Sign in to ${PRODUCT} (${host})`, "", url, "", "The link works once and expires shortly.", "", "--", footer]),
    html: layout({
      preheader: `Your sign-in link for ${host}`,
      heading: `Sign in to ${PRODUCT}`,
      paragraphs: [intro],
      action: { label: "Sign in", url },
      footer,
    }),
  };
}

export interface VerifyEmailMailInput {
  url: string;
  recipientName?: string | null;
}

/**
 * Sent at password sign-up. Confirming keeps the password that was chosen, so the mail says
 * plainly what the click endorses — and what to do when it was not you.
 */
export function verifyEmailMail({ url, recipientName }: VerifyEmailMailInput): MailContent {
  const greeting = recipientName ? `Hi ${recipientName},` : "Hi,";
  const intro = `Someone created a ${PRODUCT} account with this email address and a password. If it was you, confirm the address to start using it. The link works for 24 hours.`;
  const footer = "If you did not create this account, ignore this email: without the confirmation the account can do nothing, and signing in with an email link removes its password.";
  return {
    subject: `Confirm your email for ${PRODUCT}`,
    text: text([greeting, "", intro, "", url, "", "--", footer]),
    html: layout({
      preheader: "Confirm your email address to start using your account",
      heading: "Confirm your email address",
      paragraphs: [greeting, intro],
      action: { label: "Confirm my email", url },
      footer,
    }),
  };
}
