import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbEnv } from "../src/env";
import { TENANT_TABLES } from "../src/tenancy/tenant-models";

/**
 * Whether the schema could be distributed by organization with Citus (docs/scaling.md), read from
 * the live catalog of the migrated database. Citus enforces a unique index only when it includes
 * the distribution column, a foreign key between distributed tables only when both sides pair
 * their distribution columns, refuses ON UPDATE CASCADE / SET NULL / SET DEFAULT and ON DELETE
 * SET NULL / SET DEFAULT on a key that includes the distribution column, and refuses any key
 * from a reference table to a distributed one (Citus 13.0 docs, "Adding/Removing Constraints";
 * citus src/backend/distributed/commands/foreign_constraint.c).
 *
 * Everything that breaks a rule today is listed in EXCEPTIONS with why and the migration that
 * will fix it. A new constraint that breaks a rule fails the test; so does an exception that no
 * longer applies (the migration that fixes it removes its line).
 */

const KEY = "organization_id";
/** Distributed by organization_id, co-located (the tenant tables). */
const DISTRIBUTED = Object.values(TENANT_TABLES);
/** One full copy on every node: the tenant root and the people. */
const REFERENCE = ["organizations", "users"];

type Kind = "unique" | "foreign key" | "foreign key action";

interface Exception {
  table: string;
  name: string;
  kind: Kind;
  reason: string;
  /** The planned migration (packages/db/prisma/migrations/<timestamp>_<name>) that removes it. */
  fix: string;
}

const PK = "primary key on id alone: Citus needs (organization_id, id)";
const CHILD = "unique per parent row, not per organization: Citus needs organization_id in front";
const TOKEN = "a token looked up before the organization is known; the link will carry the organization, the key (organization_id, …)";
const FK = "references a tenant table by id alone: Citus needs (organization_id, x_id) → (organization_id, id)";
const ON_UPDATE = "Prisma's default ON UPDATE CASCADE on a key that includes organization_id: Citus refuses it (organization ids never change: RESTRICT)";

const pk = (table: string): Exception => ({ table, name: `${table}_pkey`, kind: "unique", reason: PK, fix: "citus_tenant_primary_keys" });
const unique = (table: string, name: string, reason = CHILD): Exception => ({ table, name, kind: "unique", reason, fix: "citus_tenant_unique_keys" });
const token = (table: string, name: string): Exception => ({ table, name, kind: "unique", reason: TOKEN, fix: "citus_token_lookups_by_organization" });
const fk = (table: string, name: string, reason = FK): Exception => ({ table, name, kind: "foreign key", reason, fix: "citus_composite_foreign_keys" });
const onUpdate = (table: string): Exception => ({ table, name: `${table}_organization_id_fkey`, kind: "foreign key action", reason: ON_UPDATE, fix: "citus_composite_foreign_keys" });

/** Written out table by table so that a new tenant table is born Citus-ready or adds its own line. */
const EXCEPTIONS: Exception[] = [
  pk("memberships"),
  pk("invitations"),
  pk("audit_logs"),
  pk("onboarding_tasks"),
  pk("social_accounts"),
  pk("oauth_connect_states"),
  pk("media_assets"),
  pk("campaigns"),
  pk("posts"),
  pk("post_targets"),
  pk("publish_ledger"),
  pk("queue_slots"),
  pk("ab_tests"),
  pk("post_metrics"),
  pk("account_metrics"),
  pk("alerts"),
  pk("import_batches"),
  unique("post_targets", "post_targets_post_id_social_account_id_key"),
  unique("publish_ledger", "publish_ledger_post_target_id_schedule_version_key"),
  unique("publish_ledger", "publish_ledger_idempotency_key_key", "idempotency keys become unique per organization (the key sent to the networks does not change)"),
  unique("queue_slots", "queue_slots_social_account_id_weekday_local_time_key"),
  unique("post_metrics", "post_metrics_post_target_id_period_start_key"),
  unique("account_metrics", "account_metrics_social_account_id_day_key"),
  token("invitations", "invitations_token_hash_key"),
  token("oauth_connect_states", "oauth_connect_states_state_hash_key"),
  fk("posts", "posts_campaign_id_fkey", `${FK}; ON DELETE SET NULL becomes NO ACTION (Citus refuses SET NULL there): deleting a campaign clears posts.campaign_id first`),
  fk("posts", "posts_ab_test_id_fkey", `${FK}; ON DELETE SET NULL becomes NO ACTION: deleting an A/B test clears posts.ab_test_id first`),
  fk("posts", "posts_import_batch_id_fkey"),
  fk("posts", "posts_series_id_fkey"),
  fk("post_targets", "post_targets_post_id_fkey"),
  fk("post_targets", "post_targets_social_account_id_fkey"),
  fk("publish_ledger", "publish_ledger_post_target_id_fkey"),
  fk("queue_slots", "queue_slots_social_account_id_fkey"),
  fk("post_metrics", "post_metrics_post_target_id_fkey"),
  fk("account_metrics", "account_metrics_social_account_id_fkey"),
  onUpdate("memberships"),
  onUpdate("invitations"),
  onUpdate("audit_logs"),
  onUpdate("onboarding_tasks"),
  onUpdate("social_accounts"),
  onUpdate("oauth_connect_states"),
  onUpdate("media_assets"),
  onUpdate("campaigns"),
  onUpdate("posts"),
  onUpdate("post_targets"),
  onUpdate("publish_ledger"),
  onUpdate("queue_slots"),
  onUpdate("ab_tests"),
  onUpdate("post_metrics"),
  onUpdate("account_metrics"),
  onUpdate("alerts"),
  onUpdate("import_batches"),
];

interface UniqueRow {
  table: string;
  name: string;
  columns: (string | null)[];
}

interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  referenced: string;
  referencedColumns: string[];
  onUpdate: string;
  onDelete: string;
}

interface Finding {
  table: string;
  name: string;
  kind: Kind;
  detail: string;
}

/** Every unique index (primary keys, unique constraints and indexes, exclusion constraints) and foreign key of a schema. */
async function readCatalog(client: pg.ClientBase, schema: string): Promise<{ uniques: UniqueRow[]; foreignKeys: ForeignKeyRow[] }> {
  const uniques = await client.query<UniqueRow>(
    `SELECT t.relname AS "table", i.relname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                  LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                  WHERE k.ord <= x.indnkeyatts ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND (x.indisunique OR x.indisexclusion)
      ORDER BY 1, 2`,
    [schema],
  );
  const foreignKeys = await client.query<ForeignKeyRow>(
    `SELECT t.relname AS "table", c.conname AS name, r.relname AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "referencedColumns",
            c.confupdtype AS "onUpdate", c.confdeltype AS "onDelete"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
      WHERE c.contype = 'f' AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
      ORDER BY 1, 2`,
    [schema],
  );
  return { uniques: uniques.rows, foreignKeys: foreignKeys.rows };
}

// pg_constraint action codes: a no action, r restrict, c cascade, n set null, d set default.
const ACTION: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

/** What Citus would refuse, given which tables are distributed and which are reference tables. */
function findings(catalog: { uniques: UniqueRow[]; foreignKeys: ForeignKeyRow[] }, distributed: readonly string[], reference: readonly string[]): Finding[] {
  const isDistributed = (t: string) => distributed.includes(t);
  const isReference = (t: string) => reference.includes(t);
  const found: Finding[] = [];
  for (const u of catalog.uniques) {
    if (isDistributed(u.table) && !u.columns.includes(KEY)) {
      found.push({ table: u.table, name: u.name, kind: "unique", detail: `(${u.columns.map((c) => c ?? "<expression>").join(", ")})` });
    }
  }
  for (const fk of catalog.foreignKeys) {
    const shape = `(${fk.columns.join(", ")}) → ${fk.referenced}(${fk.referencedColumns.join(", ")})`;
    const paired = fk.columns.some((c, i) => c === KEY && fk.referencedColumns[i] === KEY);
    if (isDistributed(fk.table)) {
      if (isDistributed(fk.referenced) && !paired) {
        found.push({ table: fk.table, name: fk.name, kind: "foreign key", detail: `${shape}: distributed tables must pair ${KEY}` });
        continue;
      }
      if (!isDistributed(fk.referenced) && !isReference(fk.referenced)) {
        found.push({ table: fk.table, name: fk.name, kind: "foreign key", detail: `${shape}: a distributed table may reference only distributed or reference tables` });
        continue;
      }
      if (fk.columns.includes(KEY) && (["c", "n", "d"].includes(fk.onUpdate) || ["n", "d"].includes(fk.onDelete))) {
        found.push({ table: fk.table, name: fk.name, kind: "foreign key action", detail: `${shape} ON UPDATE ${ACTION[fk.onUpdate] ?? fk.onUpdate} ON DELETE ${ACTION[fk.onDelete] ?? fk.onDelete}` });
      }
    } else if (isDistributed(fk.referenced)) {
      const from = isReference(fk.table) ? "a reference table" : "a local table";
      found.push({ table: fk.table, name: fk.name, kind: "foreign key", detail: `${shape}: ${from} cannot reference a distributed table` });
    }
  }
  return found;
}

const keyOf = (f: { table: string; name: string; kind: Kind }) => `${f.table} ${f.name} [${f.kind}]`;

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: dbEnv().DATABASE_URL });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

describe("Citus readiness of the schema (distribution by organization_id)", () => {
  it("every unique key and foreign key that Citus would refuse is a listed exception, and every exception still applies", async () => {
    const found = findings(await readCatalog(client, "public"), DISTRIBUTED, REFERENCE);
    const listed = new Set(EXCEPTIONS.map(keyOf));
    const present = new Set(found.map(keyOf));
    const unlisted = found.filter((f) => !listed.has(keyOf(f))).map((f) => `${keyOf(f)} ${f.detail}`);
    const stale = EXCEPTIONS.filter((e) => !present.has(keyOf(e))).map((e) => `${keyOf(e)} (fixed by ${e.fix}? remove it from EXCEPTIONS)`);
    // New ones: give the key organization_id (docs/scaling.md). Stale ones: delete the exception.
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
  });

  it("each exception says why and names the migration that will fix it, once", () => {
    expect(new Set(EXCEPTIONS.map(keyOf)).size).toBe(EXCEPTIONS.length);
    for (const e of EXCEPTIONS) {
      expect(e.reason.length, keyOf(e)).toBeGreaterThan(20);
      expect(e.fix, keyOf(e)).toMatch(/^citus_[a-z_]+$/);
    }
  });

  it("the tables this test reads exist: every tenant table and every reference table", async () => {
    const { rows } = await client.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname = ANY($1)", [[...DISTRIBUTED, ...REFERENCE]]);
    expect(rows.map((r) => r.relname).sort()).toEqual([...DISTRIBUTED, ...REFERENCE].sort());
  });

  it("catches each kind of constraint Citus refuses, and passes the ones it accepts (scratch schema, rolled back)", async () => {
    const schema = `citus_probe_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await client.query("BEGIN");
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET LOCAL search_path TO ${schema}`);
      await client.query(`
        CREATE TABLE orgs (id uuid PRIMARY KEY, slug text UNIQUE);
        CREATE TABLE outbox (id uuid PRIMARY KEY);
        CREATE TABLE parents (organization_id uuid NOT NULL REFERENCES orgs(id) ON UPDATE RESTRICT ON DELETE CASCADE, id uuid NOT NULL, code text,
                              PRIMARY KEY (organization_id, id), UNIQUE (organization_id, code));
        CREATE TABLE children (organization_id uuid NOT NULL REFERENCES orgs(id) ON UPDATE CASCADE, id uuid PRIMARY KEY, parent_id uuid, good_parent_id uuid,
                               outbox_id uuid REFERENCES outbox(id), email text);
        CREATE UNIQUE INDEX parents_id_key ON parents (id);
        CREATE UNIQUE INDEX children_email_key ON children (email);
        CREATE UNIQUE INDEX children_org_lower_email_key ON children (organization_id, lower(email));
        ALTER TABLE children ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parents(id);
        ALTER TABLE children ADD CONSTRAINT children_good_parent_fkey FOREIGN KEY (organization_id, good_parent_id) REFERENCES parents(organization_id, id) ON DELETE CASCADE;
        ALTER TABLE children ADD CONSTRAINT children_null_parent_fkey FOREIGN KEY (organization_id, good_parent_id) REFERENCES parents(organization_id, id) ON DELETE SET NULL;
        ALTER TABLE orgs ADD COLUMN home_parent uuid, ADD COLUMN home_org uuid;
        ALTER TABLE orgs ADD CONSTRAINT orgs_home_fkey FOREIGN KEY (home_org, home_parent) REFERENCES parents(organization_id, id);
      `);
      const found = findings(await readCatalog(client, schema), ["parents", "children"], ["orgs"]);
      expect(found.map((f) => `${f.name} [${f.kind}]`).sort()).toEqual(
        [
          "parents_id_key [unique]",
          "children_pkey [unique]",
          "children_email_key [unique]",
          "children_parent_id_fkey [foreign key]",
          "children_outbox_id_fkey [foreign key]",
          "children_organization_id_fkey [foreign key action]",
          "children_null_parent_fkey [foreign key action]",
          "orgs_home_fkey [foreign key]",
        ].sort(),
      );
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
