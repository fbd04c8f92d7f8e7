import { withOrg } from "@mg/db";
import { inngest } from "../client";
import { memberInvited } from "../events";
import { invitationMail, sendMail } from "../mailer";

type InvitationState = "open" | "missing" | "accepted" | "revoked" | "expired";

/** Step output is stored as JSON, hence the ISO string. */
interface CheckedInvitation {
  state: InvitationState;
  expiresAt: string | null;
}

/** Only open invitations get mail: a revoked or accepted one may have waited in the outbox for hours. */
async function checkInvitation(organizationId: string, invitationId: string): Promise<CheckedInvitation> {
  const invitation = await withOrg(organizationId, (db) =>
    db.invitation.findFirst({ where: { id: invitationId }, select: { acceptedAt: true, revokedAt: true, expiresAt: true } }),
  );
  if (!invitation) return { state: "missing", expiresAt: null };
  const expiresAt = invitation.expiresAt.toISOString();
  if (invitation.acceptedAt) return { state: "accepted", expiresAt };
  if (invitation.revokedAt) return { state: "revoked", expiresAt };
  if (invitation.expiresAt.getTime() <= Date.now()) return { state: "expired", expiresAt };
  return { state: "open", expiresAt };
}

function expiresIn(expiresAt: string | null): string | undefined {
  if (!expiresAt) return undefined;
  const days = Math.round((new Date(expiresAt).getTime() - Date.now()) / 86_400_000);
  return days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : undefined;
}

/** `member/invited` → the invitation mail, once per invitation. */
export const sendInvitationMail = inngest.createFunction(
  {
    id: "send-invitation-mail",
    name: "Send invitation mail",
    triggers: [memberInvited],
    idempotency: "event.data.invitationId",
    retries: 5,
  },
  async ({ event, step, logger }) => {
    const { organizationId, invitationId, email, inviteUrl, organizationName, inviterName } = event.data;

    const invitation = await step.run("check-invitation", () => checkInvitation(organizationId, invitationId));
    if (invitation.state !== "open") {
      logger.info(`invitation ${invitationId} is ${invitation.state}; no mail sent`);
      return { status: "skipped" as const, reason: invitation.state };
    }

    const delivery = await step.run("send-invitation-mail", () =>
      sendMail({ to: email, ...invitationMail({ organizationName, inviterName, inviteUrl, expiresIn: expiresIn(invitation.expiresAt) }) }),
    );

    return { status: "sent" as const, via: delivery.via };
  },
);
