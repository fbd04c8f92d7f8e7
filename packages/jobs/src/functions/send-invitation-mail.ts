import { inngest } from "../client";
import { memberInvited } from "../events";
import { checkInvitation, mailInvitation } from "../invitations";

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
    const { organizationId, invitationId } = event.data;

    const invitation = await step.run("check-invitation", () => checkInvitation(organizationId, invitationId));
    if (invitation.state !== "open") {
      logger.info(`invitation ${invitationId} is ${invitation.state}; no mail sent`);
      return { status: "skipped" as const, reason: invitation.state };
    }

    const delivery = await step.run("send-invitation-mail", () => mailInvitation(event.data, invitation));

    return { status: "sent" as const, via: delivery.via };
  },
);
