import { randomUUID } from "node:crypto";
import type { TRPCError } from "@trpc/server";
import type { Role } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { createLinkToken } from "../src/services/tokens";
import type { Tenant } from "./fixtures";
import { POSTS_PROCEDURE_CASES } from "./procedure-cases/posts";
import { SOCIAL_PROCEDURE_CASES } from "./procedure-cases/social";
import { CRM_RECORD_PROCEDURE_CASES } from "./procedure-cases/crm-records";
import { CRM_DEAL_PROCEDURE_CASES } from "./procedure-cases/crm-deals";
import { CRM_IMPORT_PROCEDURE_CASES } from "./procedure-cases/crm-import";
import { CRM_SEGMENT_PROCEDURE_CASES } from "./procedure-cases/crm-segments";
import { CRM_EXPORT_PROCEDURE_CASES } from "./procedure-cases/crm-exports";
import { LINK_PROCEDURE_CASES } from "./procedure-cases/links";
import { PAGES_PROCEDURE_CASES } from "./procedure-cases/pages";
import { FORMS_PROCEDURE_CASES } from "./procedure-cases/forms";
import { LEAD_SCORING_PROCEDURE_CASES } from "./procedure-cases/lead-scoring";
import type { SessionUser } from "../src/trpc/context";

/** Builds an input that names `other`'s rows while calling inside `self`. */
export type ForeignInput = (self: Tenant, other: Tenant) => Promise<unknown> | unknown;

/**
 * A domain error that an allowed role may get from `valid` instead of success. Keep these rare:
 * prefer a `valid` input that really succeeds for every role. Never UNAUTHORIZED, FORBIDDEN,
 * NOT_FOUND or INTERNAL_SERVER_ERROR: those are what the RBAC matrix exists to catch.
 */
export interface AllowedError {
  code: Exclude<TRPCError["code"], "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "INTERNAL_SERVER_ERROR">;
  /** Only for these roles (default: every allowed role). */
  roles?: readonly Role[];
  /** Why a correct procedure answers this to a valid call. */
  reason: string;
}

/**
 * One entry per procedure of the app router: how to call it validly inside a tenant (`valid`)
 * and how to aim it at another tenant's rows (`foreign`). The isolation and RBAC suites discover
 * procedures from the router itself and fail for any procedure missing here, so a new procedure
 * cannot ship without an isolation expectation.
 *
 * The suites hold these to account: `valid` must succeed for every role the permission allows
 * (or answer one of `allowedErrors`); every foreign input must pass the procedure's own input
 * schema, must succeed when `other` is the caller's own tenant (`foreign(self, self)`: so it is
 * valid apart from whose id it names), and must be answered NOT_FOUND, exactly as an id that
 * exists nowhere, unless `foreignAnswer` declares otherwise.
 */
export interface ProcedureCase {
  /**
   * Input for a legitimate call in `self` (may create what it needs). `caller` is the user who
   * will call (the owner unless a suite says otherwise): for rows that belong to one member.
   */
  valid: (self: Tenant, caller?: SessionUser) => Promise<unknown> | unknown;
  allowedErrors?: readonly AllowedError[];
  /** Input that names `other`'s rows while calling inside `self`; omitted when there is no id to aim. */
  foreign?: ForeignInput;
  /** More foreign inputs, one per further id field the procedure takes, keyed by that field. */
  foreignAlso?: Readonly<Record<string, ForeignInput>>;
  /**
   * Default NOT_FOUND. `as-unknown-id`: the foreign id is a filter or a cursor, not the thing
   * looked up, so the answer (an empty page, a row error of a file) must equal the answer for an
   * id that exists nowhere: nothing tells "someone else's" from "nobody's".
   */
  foreignAnswer?: { kind: "as-unknown-id"; reason: string };
}

async function freshMember(tenant: Tenant, role: Role): Promise<string> {
  const user = await systemDb().user.create({ data: { email: `extra-${randomUUID()}@test.local` } });
  const membership = await systemDb().membership.create({ data: { organizationId: tenant.id, userId: user.id, role } });
  return membership.id;
}

const freshViewer = (tenant: Tenant) => freshMember(tenant, "VIEWER");

/** A confirmation link of a new, unverified account (what sign-up mails). */
async function freshConfirmationLink(): Promise<{ token: string }> {
  const user = await systemDb().user.create({ data: { email: `unverified-${randomUUID()}@test.local` } });
  const { token, hash } = createLinkToken();
  await systemDb().emailVerification.create({ data: { userId: user.id, email: user.email, tokenHash: hash, expiresAt: new Date(Date.now() + 86_400_000) } });
  return { token };
}

async function freshInvitation(tenant: Tenant): Promise<string> {
  const invitation = await systemDb().invitation.create({
    data: { organizationId: tenant.id, email: `inv-${randomUUID()}@test.local`, role: "VIEWER", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return invitation.id;
}

export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "auth.signUp": { valid: () => ({ name: "New Person", email: `signup-${randomUUID()}@test.local`, password: "a-long-password" }) },
  "auth.verificationPreview": { valid: () => freshConfirmationLink() },
  "auth.verifyEmail": { valid: () => freshConfirmationLink() },
  "auth.resendVerification": { valid: () => undefined },
  "account.me": { valid: () => undefined },
  "account.sessions": { valid: () => undefined },
  "account.changePassword": { valid: () => ({ newPassword: "another-long-password" }) },
  "account.endSession": { valid: () => ({ sessionId: randomUUID() }) },
  "account.signOutEverywhere": { valid: () => undefined },
  "organization.listMine": { valid: () => undefined },
  "organization.create": { valid: () => ({ name: `Created ${randomUUID().slice(0, 6)}`, kind: "BUSINESS", timezone: "UTC" }) },
  "organization.current": { valid: () => undefined },
  "organization.updateSettings": { valid: (t) => ({ name: t.name, timezone: "Europe/Paris", industry: "Retail", country: "FR" }) },
  "organization.createClient": { valid: () => ({ name: `Client ${randomUUID().slice(0, 6)}`, timezone: "UTC" }) },
  "organization.listClients": { valid: () => undefined },
  "organization.jobStatus": { valid: () => undefined },
  "organization.gettingStarted": { valid: () => undefined },
  // Installation-wide counts for PLATFORM_ADMIN_EMAILS only: everyone else (these tenants' owners) gets NOT_FOUND.
  "platform.status": { valid: () => undefined },
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
  "members.signOutEverywhere": {
    valid: async (t) => ({ membershipId: await freshViewer(t) }),
    foreign: (_self, other) => ({ membershipId: other.membershipIds.VIEWER }),
  },
  // A second owner first: the only owner may not leave (and every role must be able to).
  "members.leave": { valid: async (t) => void (await freshMember(t, "OWNER")) },
  "audit.actions": { valid: () => undefined },
  "audit.list": {
    valid: () => ({ limit: 10 }),
    foreign: (_self, other) => ({ actorId: other.users.OWNER.id, limit: 10 }),
    foreignAlso: { cursor: (_self, other) => ({ cursor: other.auditLogId, limit: 10 }) },
    foreignAnswer: { kind: "as-unknown-id", reason: "A filter and a cursor: another organization's actor or row matches nothing here, like an id that exists nowhere (an empty page)." },
  },
  ...SOCIAL_PROCEDURE_CASES,
  ...POSTS_PROCEDURE_CASES,
  ...CRM_RECORD_PROCEDURE_CASES,
  ...CRM_DEAL_PROCEDURE_CASES,
  ...CRM_IMPORT_PROCEDURE_CASES,
  ...CRM_SEGMENT_PROCEDURE_CASES,
  ...FORMS_PROCEDURE_CASES,
  ...CRM_EXPORT_PROCEDURE_CASES,
  ...LINK_PROCEDURE_CASES,
  ...PAGES_PROCEDURE_CASES,
  ...LEAD_SCORING_PROCEDURE_CASES,
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
