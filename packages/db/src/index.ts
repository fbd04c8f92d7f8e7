import { appPrisma } from "./singletons";
import { createTenantDatabase, refuseTenantModels, type TenantDatabase, type TenantDb } from "./tenancy/tenant-client";
import { dbEnv } from "./env";

export type { TenantDb, TenantDatabase, TenantOptions, TenantRows } from "./tenancy/tenant-client";
export { TenantScopeError, WHERE_OPERATIONS } from "./tenancy/scope";
export { TENANT_MODELS, isTenantModel } from "./tenancy/tenant-models";
export { organizationAccessSql, type OrganizationAccessRow } from "./tenancy/organization-access";
export { Prisma } from "./generated/prisma/client";
export type { PrismaClient } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export type { Organization, User, Membership, Invitation, AuditLog, OnboardingTask, Account } from "./generated/prisma/client";

const store = globalThis as unknown as { __mgTenantDb?: TenantDatabase; __mgGlobalDb?: GlobalDb };

function globalClient() {
  return appPrisma().$extends(refuseTenantModels);
}
export type GlobalDb = ReturnType<typeof globalClient>;

/** The app role's client for global (non-tenant) tables such as users. Tenant models throw. */
export function db(): GlobalDb {
  store.__mgGlobalDb ??= globalClient();
  return store.__mgGlobalDb;
}

function tenantDatabase(): TenantDatabase {
  store.__mgTenantDb ??= createTenantDatabase(appPrisma(), dbEnv().DATABASE_APP_ROLE);
  return store.__mgTenantDb;
}

/** One transaction, as the app role, scoped to `orgId` by the extension and by RLS. */
export const withOrg: TenantDatabase["withOrg"] = (orgId, fn, options) => tenantDatabase().withOrg(orgId, fn, options);

/** The read path: raw statements in one READ ONLY RLS transaction, run by pg on the app pool (no ORM). */
export const readWithOrg: TenantDatabase["readWithOrg"] = (orgId, fn, options) => tenantDatabase().readWithOrg(orgId, fn, options);
export const readEnteringOrg: TenantDatabase["readEnteringOrg"] = (entry, admit, fn, options) => tenantDatabase().readEnteringOrg(entry, admit, fn, options);

/** The public read path: no organization in scope until a public entry function sets one (tenant-client.ts). */
export const readPublic: TenantDatabase["readPublic"] = (fn, options) => tenantDatabase().readPublic(fn, options);
export type { QueryRows } from "./tenancy/read-path";

/** A scoped client whose every operation is its own RLS-scoped transaction. */
export function forOrg(orgId: string): TenantDb {
  return tenantDatabase().forOrg(orgId);
}
