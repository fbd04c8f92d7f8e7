import { createTRPCRouter } from "../../trpc/init";
import { acceptInvitation, invitationPreview } from "./accept";
import { changeRole } from "./change-role";
import { invite, revokeInvitation } from "./invite";
import { leave } from "./leave";
import { listMembers } from "./list";
import { removeMember } from "./remove";
import { signOutMemberEverywhere } from "./sign-out-everywhere";

export const membersRouter = createTRPCRouter({
  list: listMembers,
  invite,
  revokeInvitation,
  invitationPreview,
  accept: acceptInvitation,
  changeRole,
  remove: removeMember,
  leave,
  signOutEverywhere: signOutMemberEverywhere,
});
