import { TRPCError } from "@trpc/server";
import type { Role, TenantDb } from "@mg/db";
import { canAssignRole, ROLE_LABELS } from "../../rbac";

/** An organization always keeps at least one owner. */
export async function assertNotLastOwner(db: TenantDb, membership: { role: Role }, action: string): Promise<void> {
  if (membership.role !== "OWNER") return;
  const owners = await db.membership.count({ where: { role: "OWNER" } });
  if (owners <= 1) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `The last owner cannot ${action}. Make someone else an owner first.` });
  }
}

/** Nobody hands out, or takes away, authority above their own (Postiz #866: a user inviting an admin). */
export function assertCanManageRole(actor: Role, role: Role): void {
  if (!canAssignRole(actor, role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `As ${ROLE_LABELS[actor]} you cannot manage the ${ROLE_LABELS[role]} role.` });
  }
}
