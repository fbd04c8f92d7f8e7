import { RLS_ORG_SETTING, TENANT_TABLES, type TenantModel } from "../tenancy/tenant-models";

/** The organization the current transaction acts for; NULL (matches nothing) when unset or ''. */
export const CURRENT_ORG_SQL = `nullif(current_setting('${RLS_ORG_SETTING}', true), '')::uuid`;

/** RLS for a tenant table: enabled, forced (owner too), one policy for every command. */
export function tenantTableRlsSql(table: string): string {
  return [
    `-- Row-level security: rows are visible and writable only for the organization in ${RLS_ORG_SETTING}`,
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;`,
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;`,
    `CREATE POLICY "tenant_isolation" ON "${table}" USING ("organization_id" = ${CURRENT_ORG_SQL}) WITH CHECK ("organization_id" = ${CURRENT_ORG_SQL});`,
    "",
  ].join("\n");
}

/** The tenant root: an organization sees itself and, if it is an agency, its clients. */
export function organizationsRlsSql(): string {
  return [
    `-- Row-level security for the tenant root: itself and its client organizations`,
    `ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;`,
    `ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;`,
    `CREATE POLICY "tenant_isolation" ON "organizations" USING ("id" = ${CURRENT_ORG_SQL} OR "parent_id" = ${CURRENT_ORG_SQL}) WITH CHECK ("id" = ${CURRENT_ORG_SQL} OR "parent_id" = ${CURRENT_ORG_SQL});`,
    "",
  ].join("\n");
}

/** RLS statements for every tenant table that `migrationSql` creates. */
export function rlsForCreatedTables(migrationSql: string): string {
  const parts: string[] = [];
  if (/CREATE TABLE "organizations"/.test(migrationSql)) parts.push(organizationsRlsSql());
  for (const [model, table] of Object.entries(TENANT_TABLES) as [TenantModel, string][]) {
    if (new RegExp(`CREATE TABLE "${table}"`).test(migrationSql)) parts.push(`-- ${model}\n${tenantTableRlsSql(table)}`);
  }
  return parts.join("\n");
}
