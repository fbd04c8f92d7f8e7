import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { Role } from "@mg/db";
import { ROLES } from "../src/rbac";
import { createCaller } from "../src/root";
import { createInnerContext, type SessionUser } from "../src/trpc/context";

/**
 * Unique, self-contained tenants for integration tests: each world has an agency with one client
 * and one user per role, plus a standalone business. Built through the system path (test setup
 * is system work) and removed afterwards.
 */
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  users: Record<Role, SessionUser>;
  membershipIds: Record<Role, string>;
  clientId: string;
  clientSlug: string;
  invitationId: string;
  auditLogId: string;
}

export async function createTenant(label: string): Promise<Tenant> {
  const tag = `${label}-${randomUUID().slice(0, 8)}`;
  const db = systemDb();
  const agency = await db.organization.create({
    data: { name: `Agency ${tag}`, slug: `agency-${tag}`, kind: "AGENCY", plan: "PROFESSIONAL", status: "ACTIVE", timezone: "Europe/London" },
  });
  const client = await db.organization.create({
    data: { name: `Client ${tag}`, slug: `client-${tag}`, parentId: agency.id, plan: "PROFESSIONAL", status: "ACTIVE" },
  });
  const users = {} as Record<Role, SessionUser>;
  const membershipIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const email = `${role.toLowerCase()}-${tag}@test.local`;
    const user = await db.user.create({ data: { email, name: `${role} ${tag}`, emailVerified: new Date() } });
    const membership = await db.membership.create({ data: { organizationId: agency.id, userId: user.id, role } });
    users[role] = { id: user.id, email, name: user.name, emailVerified: true, sessionId: null };
    membershipIds[role] = membership.id;
  }
  const invitation = await db.invitation.create({
    data: { organizationId: agency.id, email: `pending-${tag}@test.local`, role: "VIEWER", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const audit = await db.auditLog.create({ data: { organizationId: agency.id, action: `fixture.${tag}`, targetType: "organization", targetId: agency.id } });
  await db.onboardingTask.create({ data: { organizationId: agency.id, key: "set-timezone", title: `Task ${tag}` } });
  return {
    id: agency.id,
    slug: agency.slug,
    name: agency.name,
    users,
    membershipIds,
    clientId: client.id,
    clientSlug: client.slug,
    invitationId: invitation.id,
    auditLogId: audit.id,
  };
}

export async function deleteTenant(tenant: Tenant): Promise<void> {
  const db = systemDb();
  const orgIds = (await db.organization.findMany({ where: { OR: [{ id: tenant.id }, { parentId: tenant.id }] }, select: { id: true } })).map((o) => o.id);
  await db.organization.deleteMany({ where: { parentId: tenant.id } });
  await db.organization.deleteMany({ where: { id: { in: orgIds } } });
  await db.user.deleteMany({ where: { id: { in: Object.values(tenant.users).map((u) => u.id) } } });
}

export function callerFor(user: SessionUser | null, orgSlug: string | null) {
  return createCaller(createInnerContext({ user, orgSlug, ip: "127.0.0.1", userAgent: "vitest" }));
}

/** The tRPC error code of a rejected call, or "OK". */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code ?? `THREW ${(error as Error).message}`;
  }
}

/** The procedure at a dotted path ("members.invite") of a caller, for suites that iterate paths. */
export function procedureAt(caller: ReturnType<typeof callerFor>, path: string): (input: unknown) => Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  if (typeof fn !== "function") throw new Error(`no procedure at ${path}`);
  return fn as (input: unknown) => Promise<unknown>;
}
