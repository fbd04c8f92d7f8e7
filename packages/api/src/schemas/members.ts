import { z } from "zod";
import { emailSchema, idSchema, roleSchema } from "./common";

export const inviteMemberInput = z.object({ email: emailSchema, role: roleSchema });
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const changeRoleInput = z.object({ membershipId: idSchema, role: roleSchema });
export const membershipIdInput = z.object({ membershipId: idSchema });
export const invitationIdInput = z.object({ invitationId: idSchema });
export const invitationTokenInput = z.object({ token: z.string().min(20).max(200) });
