import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { Tenant } from "./fixtures";
import { POSTS_PROCEDURE_CASES } from "./procedure-cases/posts";
import { SOCIAL_PROCEDURE_CASES } from "./procedure-cases/social";

/**
 * One entry per procedure of the app router: how to call it validly inside a tenant (`valid`)
 * and how to aim it at another tenant's rows (`foreign`). The isolation and RBAC suites discover
 * procedures from the router itself and fail for any procedure missing here, so a new procedure
 * cannot ship without an isolation expectation.
 */
export interface ProcedureCase {
  /** Input for a legitimate call in `self` (may create what it needs). */
  valid: (self: Tenant) => Promise<unknown> | unknown;
  /** Input that names `other`'s rows while calling inside `self`; omitted when there is no id to aim. */
  foreign?: (self: Tenant, other: Tenant) => Promise<unknown> | unknown;
}

async function freshViewer(tenant: Tenant): Promise<string> {
  const user = await systemDb().user.create({ data: { email: `extra-${randomUUID()}@test.local` } });
  const membership = await systemDb().membership.create({ data: { organizationId: tenant.id, userId: user.id, role: "VIEWER" } });
  return membership.id;
}

async function freshInvitation(tenant: Tenant): Promise<string> {
  const invitation = await systemDb().invitation.create({
    data: { organizationId: tenant.id, email: `inv-${randomUUID()}@test.local`, role: "VIEWER", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return invitation.id;
}

export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "auth.signUp": { valid: () => ({ name: "New Person", email: `signup-${randomUUID()}@test.local`, password: "a-long-password" }) },
  "organization.listMine": { valid: () => undefined },
  "organization.create": { valid: () => ({ name: `Created ${randomUUID().slice(0, 6)}`, kind: "BUSINESS", timezone: "UTC" }) },
  "organization.current": { valid: () => undefined },
  "organization.updateSettings": { valid: (t) => ({ name: t.name, timezone: "Europe/Paris", industry: "Retail", country: "FR" }) },
  "organization.createClient": { valid: () => ({ name: `Client ${randomUUID().slice(0, 6)}`, timezone: "UTC" }) },
  "organization.listClients": { valid: () => undefined },
  "organization.jobStatus": { valid: () => undefined },
  "members.list": { valid: () => undefined },
  "members.invite": { valid: () => ({ email: `invitee-${randomUUID()}@test.local`, role: "VIEWER" }) },
  "members.revokeInvitation": {
    valid: async (t) => ({ invitationId: await freshInvitation(t) }),
    foreign: (_self, other) => ({ invitationId: other.invitationId }),
  },
  "members.invitationPreview": { valid: () => ({ token: randomUUID() + randomUUID() }) },
  "members.accept": { valid: () => ({ token: randomUUID() + randomUUID() }) },
  "members.changeRole": {
    valid: async (t) => ({ membershipId: await freshViewer(t), role: "ANALYST" }),
    foreign: (_self, other) => ({ membershipId: other.membershipIds.VIEWER, role: "OWNER" }),
  },
  "members.remove": {
    valid: async (t) => ({ membershipId: await freshViewer(t) }),
    foreign: (_self, other) => ({ membershipId: other.membershipIds.VIEWER }),
  },
  "members.leave": { valid: () => undefined },
  "audit.actions": { valid: () => undefined },
  "audit.list": {
    valid: () => ({ limit: 10 }),
    foreign: (_self, other) => ({ cursor: other.auditLogId, actorId: other.users.OWNER.id, limit: 10 }),
  },
  ...SOCIAL_PROCEDURE_CASES,
  ...POSTS_PROCEDURE_CASES,
};

/** Every identifying value of a tenant: none may appear in another tenant's responses. */
export function fingerprints(tenant: Tenant): string[] {
  return [
    tenant.id,
    tenant.slug,
    tenant.name,
    tenant.clientId,
    tenant.clientSlug,
    tenant.invitationId,
    tenant.auditLogId,
    ...Object.values(tenant.users).flatMap((u) => [u.id, u.email]),
    ...Object.values(tenant.membershipIds),
  ];
}
