import "./helpers/env";
import { InngestTestEngine } from "@inngest/test";
import { disconnectAll } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { sendInvitationMail } from "../src/functions/send-invitation-mail";
import { listDevMail } from "../src/mailer";
import { Fixtures } from "./helpers/fixtures";

const fixtures = new Fixtures();

afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

async function run(invitation: { id: string; organizationId: string; email: string }) {
  const engine = new InngestTestEngine({
    function: sendInvitationMail,
    events: [
      {
        name: "member/invited",
        data: {
          organizationId: invitation.organizationId,
          invitationId: invitation.id,
          email: invitation.email,
          inviteUrl: "http://localhost:3000/invite/tok_123",
          organizationName: "Invite Co",
          inviterName: "Olivia Owner",
        },
      },
    ],
  });
  return engine.execute();
}

describe("send-invitation-mail", () => {
  it("mails an open invitation with the accept link", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Invite Co");
    const invitation = await fixtures.invitation(org.id, owner.id);

    const { result, error } = await run(invitation);

    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "sent", via: "dev-outbox" });
    const [mail, ...rest] = await listDevMail({ to: invitation.email });
    expect(rest).toHaveLength(0);
    expect(mail?.subject).toBe("Olivia Owner invited you to Invite Co on Marketing Genius");
    expect(mail?.text).toContain("http://localhost:3000/invite/tok_123");
    expect(mail?.text).toContain("expires in 7 days");
  });

  it("sends nothing for a revoked invitation", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Invite Revoked Co");
    const invitation = await fixtures.invitation(org.id, owner.id, { revokedAt: new Date() });

    const { result } = await run(invitation);

    expect(result).toEqual({ status: "skipped", reason: "revoked" });
    expect(await listDevMail({ to: invitation.email })).toHaveLength(0);
  });
});
