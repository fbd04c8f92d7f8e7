import { withOrg } from "@mg/db";
import type { MemberInvitedData } from "./events";
import { invitationMail, sendMail, type MailDelivery } from "./mailer";

export type InvitationState = "open" | "missing" | "accepted" | "revoked" | "expired";

/** Step output is stored as JSON, hence the ISO string. */
export interface CheckedInvitation {
  state: InvitationState;
  expiresAt: string | null;
}

/** Only open invitations get mail: a revoked or accepted one may have waited in the outbox for hours. */
export async function checkInvitation(organizationId: string, invitationId: string): Promise<CheckedInvitation> {
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

/** The mail itself, for an open invitation. */
export function mailInvitation(data: MemberInvitedData, invitation: CheckedInvitation): Promise<MailDelivery> {
  const { email, inviteUrl, organizationName, inviterName } = data;
  return sendMail({ to: email, ...invitationMail({ organizationName, inviterName, inviteUrl, expiresIn: expiresIn(invitation.expiresAt) }) });
}

/** Without the job engine (the outbox relay's local delivery): check, then mail if still open. */
export async function deliverInvitationMailNow(data: MemberInvitedData): Promise<InvitationState | "sent"> {
  const invitation = await checkInvitation(data.organizationId, data.invitationId);
  if (invitation.state !== "open") return invitation.state;
  await mailInvitation(data, invitation);
  return "sent";
}
