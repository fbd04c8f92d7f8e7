import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createSchemaEngine, NO_FILTERS } from "./schema-engine";
import { LOCKFILE_CONTENT, LOCKFILE_PATH, MIGRATIONS_DIR, readMigrations, readSchema, SCHEMA_PATH } from "./files";
import { rlsForCreatedTables } from "./rls-sql";

/**
 * `pnpm db:migration:new <name>`: replays the committed migrations into an in-memory PGlite,
 * diffs it against the schema and writes the difference as the next migration — adding RLS to
 * every tenant table it creates. Offline, and the same files `prisma migrate` uses.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: pnpm db:migration:new <snake_case_name>");
    process.exit(2);
  }
  const ddl = await pendingSchemaChanges();
  if (ddl === null) {
    console.log("The schema matches the migrations: nothing to create.");
    return;
  }
  const rls = rlsForCreatedTables(ddl);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), `${ddl}\n${rls ? `\n${rls}` : ""}`);
  if (!existsSync(LOCKFILE_PATH)) writeFileSync(LOCKFILE_PATH, LOCKFILE_CONTENT);
  console.log(`Created ${dir}/migration.sql${rls ? " (with row-level security for new tenant tables)" : ""}`);
}

/** The SQL that would bring the committed migrations up to the schema, or null when they match. */
export async function pendingSchemaChanges(): Promise<string | null> {
  const shadow = new PGlite();
  for (const migration of readMigrations()) await shadow.exec(migration.sql);

  const schema = readSchema();
  const engine = await createSchemaEngine(SCHEMA_PATH, schema, new PrismaPGlite(shadow));
  const files = [{ path: SCHEMA_PATH, content: schema }];
  const result = await engine.diff({
    from: { tag: "schemaDatasource", files, configDir: "." },
    to: { tag: "schemaDatamodel", files },
    script: true,
    exitCode: null,
    filters: NO_FILTERS,
  });
  await shadow.close();
  const ddl = (result.stdout ?? "").trim();
  return ddl === "" || ddl === "-- This is an empty migration." ? null : ddl;
}

export function runCli(): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
