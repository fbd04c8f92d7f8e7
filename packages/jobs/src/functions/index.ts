import { provisionOrganization } from "./provision-organization";
import { replayOutboxCron } from "./replay-outbox";
import { sendInvitationMail } from "./send-invitation-mail";

export { provisionOrganization, replayOutboxCron, sendInvitationMail };

/** Everything `serve({ client: inngest, functions })` registers at /api/inngest. */
export const functions = [provisionOrganization, sendInvitationMail, replayOutboxCron];
