import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createSchemaEngine, NO_FILTERS } from "./schema-engine";
import { migrationsList, readMigrations, readSchema, SCHEMA_PATH } from "./files";

export interface MigrateOptions {
  /** Owner connection string. */
  ownerUrl: string;
  /** The role the apps connect as: created if missing, granted table access, checked to be unprivileged. */
  appRole: string;
  log?: (line: string) => void;
}

/** Idempotent app-role setup: exists, can log in, and cannot bypass RLS. */
async function ensureAppRole(client: pg.Client, role: string, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
    "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
    [role],
  );
  const existing = rows[0];
  if (!existing) {
    await client.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
    log(`created app role ${role}`);
  } else if (existing.rolsuper || existing.rolbypassrls) {
    throw new Error(`App role ${role} is a superuser or has BYPASSRLS; row-level security would not apply. Refusing to continue.`);
  }
  // The owner must be able to SET ROLE to the app role (PGlite's single session switches per transaction).
  await client.query(`GRANT "${role}" TO CURRENT_USER`).catch(() => undefined);
}

/** Organization columns only the system path may change (billing, platform admin): the commercial terms and the hierarchy. */
export const SYSTEM_ONLY_ORGANIZATION_COLUMNS = ["id", "parent_id", "kind", "plan", "status", "trial_ends_at", "limit_overrides", "feature_flags", "created_at"] as const;

/** User columns the app role may read (through the users RLS policy); never the password hash. */
export const APP_READABLE_USER_COLUMNS = ["id", "name", "email", "email_verified", "image", "created_at", "updated_at"] as const;

/**
 * Tables only the owner connection reaches: job bookkeeping and auth. The app role reads users
 * only through their RLS policy and named columns, and never writes them.
 */
export const SYSTEM_ONLY_TABLES = ["_prisma_migrations", "link_codes", "event_outbox", "dev_mail", "sandbox_posts", "sessions", "accounts", "verification_tokens", "email_verifications"] as const;

/** System tables the app role may append to (and read the dedupe key of, nothing more): the transactional outbox. */
export const APP_INSERT_ONLY_TABLES = ["event_outbox"] as const;

/**
 * Append-only ledgers: the app role inserts and reads them, and may only re-point a row at the
 * surviving record of a merge (these columns); it never edits what was recorded or deletes it.
 */
export const APP_APPEND_ONLY_TABLES = {
  activities: ["contact_id", "company_id", "deal_id"],
  consent_records: ["contact_id"],
  score_ledger: ["contact_id"],
  landing_page_versions: [],
} as const;

async function grantAppRole(client: pg.Client, role: string): Promise<void> {
  await client.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${role}"`);
  for (const table of SYSTEM_ONLY_TABLES) {
    await client.query(`REVOKE ALL ON TABLE "${table}" FROM "${role}"`).catch(() => undefined);
  }
  for (const table of APP_INSERT_ONLY_TABLES) {
    // SELECT of the id column only: what `INSERT … ON CONFLICT (event_id) DO NOTHING` needs.
    await client.query(`GRANT INSERT, SELECT ("event_id") ON TABLE "${table}" TO "${role}"`);
  }
  for (const [table, columns] of Object.entries(APP_APPEND_ONLY_TABLES)) {
    await client.query(`REVOKE UPDATE, DELETE ON TABLE "${table}" FROM "${role}"`);
    if (columns.length === 0) continue;
    await client.query(`GRANT UPDATE (${columns.map((c) => `"${c}"`).join(", ")}) ON TABLE "${table}" TO "${role}"`);
  }
  await client.query(`REVOKE ALL ON TABLE "users" FROM "${role}"`);
  await client.query(`GRANT SELECT (${APP_READABLE_USER_COLUMNS.map((c) => `"${c}"`).join(", ")}) ON TABLE "users" TO "${role}"`);
  // Column privileges: the app role updates an organization's settings, never its terms.
  const { rows } = await client.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'organizations'",
  );
  const updatable = rows.map((r) => r.column_name).filter((c) => !(SYSTEM_ONLY_ORGANIZATION_COLUMNS as readonly string[]).includes(c));
  await client.query(`REVOKE UPDATE ON TABLE "organizations" FROM "${role}"`);
  await client.query(`GRANT UPDATE (${updatable.map((c) => `"${c}"`).join(", ")}) ON TABLE "organizations" TO "${role}"`);
  // The read path's way in: the caller's own access, setting the organization it admits to (the
  // migration 20261203150000_organization_access). The access function itself stays the owner's.
  await client.query(`GRANT EXECUTE ON FUNCTION "mg_enter_organization"(text) TO "${role}"`);
  // Lead capture's public surfaces (migration 20261204011545_lead_capture): short link codes and
  // the public entry into an organization by slug or id.
  for (const fn of ['"mg_claim_link_code"(text, uuid)', '"mg_resolve_link_code"(text)', '"mg_enter_public_organization"(text)', '"mg_enter_public_organization_by_id"(uuid)']) {
    await client.query(`GRANT EXECUTE ON FUNCTION ${fn} TO "${role}"`);
  }
}

/**
 * `@prisma/adapter-pg` runs a migration script by splitting it on every ";", which breaks
 * dollar-quoted function bodies (triggers). PostgreSQL's simple query protocol runs the whole
 * script at once, in one implicit transaction — as the native `prisma migrate` does.
 */
class WholeScriptPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const internals = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
    adapter.executeScript = async (script: string) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  }
}

export async function migrateDatabase({ ownerUrl, appRole, log = console.log }: MigrateOptions): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await ensureAppRole(client, appRole, log);
    const adapter = new WholeScriptPg({ connectionString: ownerUrl, max: 1 });
    const engine = await createSchemaEngine(SCHEMA_PATH, readSchema(), adapter);
    const migrations = readMigrations();
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationsList(migrations), filters: NO_FILTERS });
    await grantAppRole(client, appRole);
    for (const name of appliedMigrationNames) log(`applied ${name}`);
    if (appliedMigrationNames.length === 0) log("database is up to date");
    return appliedMigrationNames;
  } finally {
    await client.end();
  }
}
