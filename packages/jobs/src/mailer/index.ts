import nodemailer from "nodemailer";
import { systemDb } from "@mg/db/system";
import { logger } from "@mg/logger";
import { jobsEnv } from "../env";

export * from "./templates";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export type MailDelivery = { via: "smtp"; messageId: string } | { via: "dev-outbox"; id: string };

export interface Mailer {
  send(message: MailMessage): Promise<MailDelivery>;
}

export interface MailerOptions {
  /** smtp(s)://user:pass@host:port; without it mail is captured in the dev outbox table. */
  smtpUrl?: string;
  from: string;
  log?: (line: string) => void;
}

/**
 * SMTP when configured, otherwise the dev outbox (DevMail, shown at /dev/outbox) so that sign-in
 * links and invitations work on a machine without a mail server.
 */
const mailLog = logger.child({ module: "mailer" });

export function createMailer({ smtpUrl, from, log = (line) => mailLog.info(line) }: MailerOptions): Mailer {
  if (smtpUrl) {
    // Bounded timeouts: a dead mail server must fail the step (and let the engine retry it),
    // not hang it.
    const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return {
      async send(message) {
        const info = await transport.sendMail({ from, ...message });
        return { via: "smtp", messageId: info.messageId };
      },
    };
  }
  return {
    async send({ to, subject, text, html }) {
      const row = await systemDb().devMail.create({ data: { to, subject, text, html: html ?? null }, select: { id: true } });
      log(`mail captured in dev outbox (no SMTP_URL): "${subject}" to ${to}`);
      return { via: "dev-outbox", id: row.id };
    },
  };
}

const store = globalThis as unknown as { __mgMailer?: Mailer };

function defaultMailer(): Mailer {
  if (!store.__mgMailer) {
    const env = jobsEnv();
    if (!env.SMTP_URL && env.NODE_ENV === "production") {
      mailLog.warn("SMTP_URL is not set: mail is stored in the dev_mail table instead of being delivered");
    }
    store.__mgMailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  }
  return store.__mgMailer;
}

/** Sends one mail with the app's configuration (SMTP_URL, MAIL_FROM). */
export function sendMail(message: MailMessage): Promise<MailDelivery> {
  return defaultMailer().send(message);
}

export interface DevMailEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: Date;
}

/** Newest first, for the dev outbox page. */
export function listDevMail({ to, limit = 50 }: { to?: string; limit?: number } = {}): Promise<DevMailEntry[]> {
  return systemDb().devMail.findMany({
    where: to === undefined ? {} : { to },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.max(1, Math.min(limit, 200)),
    select: { id: true, to: true, subject: true, text: true, html: true, createdAt: true },
  });
}
