import "./helpers/env";
import { disconnectAll } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { createMailer, invitationMail, listDevMail, magicLinkMail, sendMail, welcomeMail } from "../src/mailer";
import { Fixtures } from "./helpers/fixtures";
import { startFakeSmtpServer } from "./helpers/smtp-server";

const fixtures = new Fixtures();

afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

describe("mailer", () => {
  it("captures mail in the dev outbox when SMTP_URL is not set", async () => {
    const to = fixtures.uniqueEmail("dev-outbox");

    const delivery = await sendMail({ to, ...magicLinkMail({ url: "http://localhost:3000/api/auth/callback/email?token=abc", host: "localhost:3000" }) });

    expect(delivery.via).toBe("dev-outbox");
    const [mail, ...rest] = await listDevMail({ to });
    expect(rest).toHaveLength(0);
    expect(mail?.subject).toBe("Sign in to Marketing Genius");
    expect(mail?.text).toContain("http://localhost:3000/api/auth/callback/email?token=abc");
    expect(mail?.html).toContain('href="http://localhost:3000/api/auth/callback/email?token=abc"');
  });

  it("delivers over SMTP when a server is configured", async () => {
    const smtp = await startFakeSmtpServer();
    try {
      const to = fixtures.uniqueEmail("smtp");
      const mailer = createMailer({ smtpUrl: smtp.url, from: "Marketing Genius <no-reply@marketing-genius.local>" });

      const delivery = await mailer.send({ to, ...welcomeMail({ organizationName: "SMTP Co", recipientName: "Sam", dashboardUrl: "http://localhost:3000/dashboard" }) });

      expect(delivery.via).toBe("smtp");
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]?.from).toBe("no-reply@marketing-genius.local");
      expect(smtp.mails[0]?.to).toEqual([to]);
      expect(smtp.mails[0]?.data).toMatch(/^Subject: Welcome to Marketing Genius, SMTP Co is ready$/m);
      expect(await listDevMail({ to })).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it("escapes user-provided text in HTML", () => {
    const mail = invitationMail({ organizationName: "<script>alert(1)</script>", inviterName: 'Eve "x"', inviteUrl: "http://localhost:3000/invite/t" });

    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("Eve &quot;x&quot;");
  });
});
