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

async function grantAppRole(client: pg.Client, role: string): Promise<void> {
  await client.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${role}"`);
  // System tables are reachable only through the owner connection.
  for (const table of ["_prisma_migrations", "event_outbox", "dev_mail", "sandbox_posts"]) {
    await client.query(`REVOKE ALL ON TABLE "${table}" FROM "${role}"`).catch(() => undefined);
  }
}

export async function migrateDatabase({ ownerUrl, appRole, log = console.log }: MigrateOptions): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await ensureAppRole(client, appRole, log);
    const adapter = new PrismaPg({ connectionString: ownerUrl, max: 1 });
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
