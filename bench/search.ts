// `BENCH_ONLY=search pnpm bench`: the posts list (`posts.search`) at 1,000 organizations × 1,000
// posts, three ways interleaved in one run — its SQL run unscoped on a plain pg connection (the
// baseline), `searchPosts` through the tenant client's read path (one READ ONLY RLS transaction,
// as the procedure runs it), and the whole tRPC procedure through createCaller (rate limit,
// membership, RBAC, the transaction, the query).
// Prints p50/p95/p99 per variant and each variant's ratio to the baseline, then the fixed costs
// per request measured alone (an empty transaction both ways; the organization and membership
// lookup); numbers only, no timed assertions. BENCH_SEARCH_ORGS, BENCH_SEARCH_POSTS and
// BENCH_SEARCH_SAMPLES scale it down.
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import { readWithOrg, withOrg, type PostStatus } from "@mg/db";
import { createCaller, createInnerContext } from "@mg/api";
// Not part of the package's public API: the benchmark runs the very function and SQL the procedure does.
import { searchPosts, searchPostsSql } from "../packages/api/src/services/posts/queries";
import { resolveOrgAccess } from "../packages/api/src/tenancy/resolve-access";
import { rawClient } from "./support";

const ORGS = Number(process.env.BENCH_SEARCH_ORGS ?? 1_000);
const POSTS = Number(process.env.BENCH_SEARCH_POSTS ?? 1_000);
/** Measured calls per variant and page kind (after WARMUP unmeasured rounds). */
const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 400);
const WARMUP = Math.min(50, Math.ceil(SAMPLES / 4));
const PAGE = 25;
const KEEP = process.env.BENCH_SEARCH_KEEP === "1";

interface SearchInput {
  limit: number;
  cursor?: string;
  query?: string;
  statuses?: PostStatus[];
}

/** The same id in SQL (md5, with the version 4 and variant nibbles the API's uuid check wants). */
const POST_ID_SQL = "(SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5(o.org_id::text || ':' || n) AS h)";

/** Post n of an organization has this id, so a cursor deep in its list can be named without a query. */
function postId(orgId: string, n: number): string {
  const md5 = createHash("md5").update(`${orgId}:${n}`).digest("hex");
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface BenchOrg {
  id: string;
  slug: string;
  user: { id: string; email: string; name: string; emailVerified: boolean; sessionId: null };
}

/**
 * Bulk SQL as the owner: organizations with an owner, two Sandbox accounts and two campaigns each,
 * and POSTS posts each — created in groups of three sharing one created_at (the id breaks ties),
 * mostly published, 5 % failed, a third in a campaign, 2 % mentioning "croissant" — with one or two
 * targets. ANALYZE afterwards, as a database that has lived would have statistics.
 */
async function seed(client: pg.Client, prefix: string): Promise<BenchOrg[]> {
  await client.query("BEGIN");
  try {
    return await seedRows(client, prefix);
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function seedRows(client: pg.Client, prefix: string): Promise<BenchOrg[]> {
  await client.query(`CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
    SELECT i, gen_random_uuid() AS org_id, gen_random_uuid() AS user_id, gen_random_uuid() AS account_a, gen_random_uuid() AS account_b,
           gen_random_uuid() AS campaign_a, gen_random_uuid() AS campaign_b
    FROM generate_series(1, $1::int) AS i`, [ORGS]);
  await client.query(`INSERT INTO organizations (id, name, slug, plan, status, timezone, updated_at)
    SELECT org_id, 'Bench search ' || i, $1 || i, 'ENTERPRISE', 'ACTIVE', 'Europe/London', now() FROM bench_orgs`, [prefix]);
  await client.query(`INSERT INTO users (id, email, name, email_verified, updated_at)
    SELECT user_id, $1 || i || '@bench.local', 'Bench owner', now(), now() FROM bench_orgs`, [prefix]);
  await client.query(`INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
    SELECT gen_random_uuid(), org_id, user_id, 'OWNER', now() FROM bench_orgs`);
  await client.query(`INSERT INTO social_accounts (id, organization_id, network, external_id, name, handle, status, updated_at)
    SELECT account_a, org_id, 'SANDBOX'::"SocialNetwork", 'bench-a-' || i, 'Bench bakery', 'bench_bakery', 'CONNECTED'::"SocialAccountStatus", now() FROM bench_orgs
    UNION ALL
    SELECT account_b, org_id, 'SANDBOX'::"SocialNetwork", 'bench-b-' || i, 'Bench café', 'bench_cafe', 'CONNECTED'::"SocialAccountStatus", now() FROM bench_orgs`);
  await client.query(`INSERT INTO campaigns (id, organization_id, name, starts_on, ends_on, updated_at)
    SELECT campaign_a, org_id, 'Spring', '2026-03-01', '2026-05-31', now() FROM bench_orgs
    UNION ALL
    SELECT campaign_b, org_id, 'Autumn', '2026-09-01', '2026-11-30', now() FROM bench_orgs`);
  await client.query(
    `INSERT INTO posts (id, organization_id, author_id, campaign_id, content, labels, status, timezone, local_time, scheduled_at, published_at, schedule_version, created_at, updated_at)
    SELECT ${POST_ID_SQL}, o.org_id, o.user_id,
           CASE WHEN n % 3 = 0 THEN o.campaign_a WHEN n % 7 = 0 THEN o.campaign_b END,
           'Post ' || n || ': fresh bread every morning' || CASE WHEN n % 50 = 0 THEN ', and a croissant' ELSE '' END,
           CASE WHEN n % 5 = 0 THEN ARRAY['promo'] ELSE ARRAY[]::text[] END,
           (CASE WHEN n % 20 = 0 THEN 'FAILED' WHEN n % 4 = 1 THEN 'SCHEDULED' WHEN n % 10 = 2 THEN 'DRAFT' ELSE 'PUBLISHED' END)::"PostStatus",
           'Europe/London', '2026-06-01T09:00', $1::timestamp - (n * interval '1 hour'), NULL, 1,
           $1::timestamp - ((n / 3) * interval '37 seconds'), now()
    FROM bench_orgs o CROSS JOIN generate_series(1, $2::int) AS n`,
    [new Date().toISOString(), POSTS],
  );
  await client.query(`INSERT INTO post_targets (id, organization_id, post_id, social_account_id, network, status, scheduled_at, created_at, updated_at)
    SELECT gen_random_uuid(), o.org_id, ${POST_ID_SQL}, a.account_id, 'SANDBOX', 'SCHEDULED', now(), now(), now()
    FROM bench_orgs o CROSS JOIN generate_series(1, $1::int) AS n
    CROSS JOIN LATERAL (VALUES (o.account_a), (CASE WHEN n % 2 = 0 THEN o.account_b END)) AS a(account_id)
    WHERE a.account_id IS NOT NULL`, [POSTS]);
  const { rows } = await client.query<{ org_id: string; user_id: string; i: number }>("SELECT org_id, user_id, i FROM bench_orgs ORDER BY i");
  await client.query("COMMIT");
  await client.query("ANALYZE organizations, users, memberships, social_accounts, campaigns, posts, post_targets");
  return rows.map((r) => ({
    id: r.org_id,
    slug: `${prefix}${r.i}`,
    user: { id: r.user_id, email: `${prefix}${r.i}@bench.local`, name: "Bench owner", emailVerified: true, sessionId: null },
  }));
}

/** The organizations a kept seed left, in seeding order. */
async function keptOrgs(client: pg.Client, prefix: string): Promise<BenchOrg[]> {
  const { rows } = await client.query<{ id: string; slug: string; user_id: string; email: string }>(
    `SELECT o.id, o.slug, u.id AS user_id, u.email FROM organizations o JOIN memberships m ON m.organization_id = o.id JOIN users u ON u.id = m.user_id
     WHERE o.slug LIKE $1 AND (SELECT count(*) FROM posts p WHERE p.organization_id = o.id) = $2 ORDER BY length(o.slug), o.slug`,
    [`${prefix}%`, POSTS],
  );
  return rows.map((r) => ({ id: r.id, slug: r.slug, user: { id: r.user_id, email: r.email, name: "Bench owner", emailVerified: true, sessionId: null } }));
}

async function cleanup(client: pg.Client, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Children first, by organization: one pass per table instead of a cascade per row.
  const orgs = "(SELECT id FROM organizations WHERE slug LIKE $1)";
  await client.query(`DELETE FROM post_targets WHERE organization_id IN ${orgs}`, [pattern]);
  await client.query(`DELETE FROM posts WHERE organization_id IN ${orgs}`, [pattern]);
  await client.query(`DELETE FROM organizations WHERE slug LIKE $1`, [pattern]);
  await client.query(`DELETE FROM users WHERE email LIKE $1`, [pattern]);
}

interface PageKind {
  label: string;
  input: (org: BenchOrg) => SearchInput;
}

const KINDS: PageKind[] = [
  { label: "first page", input: () => ({ limit: PAGE }) },
  // A cursor 40 % down the list: the old offset-style cursor read everything before it.
  { label: "page after a cursor", input: (org) => ({ limit: PAGE, cursor: postId(org.id, Math.max(1, Math.floor(POSTS * 0.4))) }) },
  { label: "status FAILED", input: () => ({ limit: PAGE, statuses: ["FAILED"] }) },
  { label: "text \"croissant\"", input: () => ({ limit: PAGE, query: "croissant" }) },
];

type Variant = "sql" | "tenant" | "trpc";
const VARIANTS: Variant[] = ["sql", "tenant", "trpc"];
const LABELS: Record<Variant, string> = {
  sql: "SQL, unscoped (baseline)",
  tenant: "tenant read path (searchPosts)",
  trpc: "tRPC posts.search (createCaller)",
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A small deterministic generator: the same run visits the same organizations in the same order. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);
const ratio = (x: number, base: number) => `${(x / base).toFixed(2)}x`.padStart(7);

function printTable(title: string, times: Record<Variant, number[]>): void {
  const stats = Object.fromEntries(
    VARIANTS.map((v) => {
      const sorted = [...times[v]].sort((a, b) => a - b);
      return [v, { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }];
    }),
  ) as Record<Variant, { p50: number; p95: number; p99: number }>;
  const base = stats.sql;
  console.log(`  ${title.padEnd(34)}${"p50".padStart(10)}${"p95".padStart(10)}${"p99".padStart(10)}   ratio to baseline p50 / p95 / p99`);
  for (const v of VARIANTS) {
    const s = stats[v];
    const ratios = v === "sql" ? "" : `   ${ratio(s.p50, base.p50)} ${ratio(s.p95, base.p95)} ${ratio(s.p99, base.p99)}`;
    console.log(`    ${LABELS[v].padEnd(32)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ratios}`);
  }
}

export async function benchSearch(): Promise<void> {
  const client = await rawClient();
  // BENCH_SEARCH_KEEP=1 keeps the seeded rows for the next run of the same size (seeding a million
  // posts takes about a minute); otherwise every run seeds its own and removes them.
  const prefix = KEEP ? `bench-search-keep-${ORGS}x${POSTS}-` : `bench-search-run-${randomUUID().slice(0, 8)}-`;
  try {
    await cleanup(client, "bench-search-run-"); // whatever an interrupted run left behind
    const seedStart = Date.now();
    const kept = KEEP ? await keptOrgs(client, prefix) : [];
    const orgs = kept.length === ORGS ? kept : await cleanup(client, prefix).then(() => seed(client, prefix));
    const seedSeconds = (Date.now() - seedStart) / 1000;

    const run: Record<Variant, (org: BenchOrg, input: SearchInput) => Promise<{ id: string }[]>> = {
      sql: async (org, input) => {
        const query = searchPostsSql(org.id, input);
        // The statement reads one row more than a page, to know whether there is a next one.
        return (await client.query<{ id: string }>(query.text, query.values)).rows.slice(0, input.limit);
      },
      // What the procedure runs: the read path (one READ ONLY RLS transaction driven by pg itself).
      tenant: async (org, input) => (await readWithOrg(org.id, (db) => searchPosts(db, input), { userId: org.user.id })).items,
      trpc: async (org, input) =>
        (await createCaller(createInnerContext({ user: org.user, orgSlug: org.slug, ip: "127.0.0.1", userAgent: "bench" })).posts.search(input)).items,
    };

    // The three must give the same page before any of them is timed.
    for (const kind of KINDS) {
      const org = orgs[0];
      if (!org) throw new Error("no organization was seeded");
      const input = kind.input(org);
      const [sql, tenant, trpc] = await Promise.all(VARIANTS.map((v) => run[v](org, input)));
      const ids = (rows: { id: string }[] | undefined) => JSON.stringify((rows ?? []).map((r) => r.id));
      if (ids(sql) !== ids(tenant) || ids(sql) !== ids(trpc)) throw new Error(`${kind.label}: the three variants returned different pages:\n${ids(sql)}\n${ids(tenant)}\n${ids(trpc)}`);
      if ((sql ?? []).length === 0) throw new Error(`${kind.label}: the page is empty, so it would measure nothing`);
    }

    const times = Object.fromEntries(KINDS.map((k) => [k.label, { sql: [], tenant: [], trpc: [] }])) as Record<string, Record<Variant, number[]>>;
    const random = lcg(20_261_203);
    for (let round = 0; round < WARMUP + SAMPLES; round++) {
      for (const kind of KINDS) {
        const org = orgs[Math.floor(random() * orgs.length)];
        if (!org) continue;
        const input = kind.input(org);
        // Interleaved, in a different order each time: drift on a shared machine hits all three alike.
        const order = [...VARIANTS].sort(() => random() - 0.5);
        for (const variant of order) {
          const took = await time(() => run[variant](org, input));
          if (round >= WARMUP) times[kind.label]?.[variant].push(took);
          // Work a variant left for later (the read path sends COMMIT after answering) runs
          // here, untimed, instead of inside the next variant's measurement.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }

    // The fixed part of every request, alone: what the ratios above are made of.
    const fixed: Record<string, { run: (org: BenchOrg) => Promise<unknown>; times: number[] }> = {
      "read path transaction, empty (readWithOrg)": { run: (org) => readWithOrg(org.id, async () => null, { userId: org.user.id }), times: [] },
      "Prisma interactive transaction, empty (withOrg)": { run: (org) => withOrg(org.id, async () => null, { userId: org.user.id }), times: [] },
      "organization + membership lookup (system path)": { run: (org) => resolveOrgAccess(org.user.id, org.slug), times: [] },
    };
    for (let round = 0; round < WARMUP + SAMPLES; round++) {
      const org = orgs[Math.floor(random() * orgs.length)];
      if (!org) continue;
      for (const entry of Object.values(fixed)) {
        const took = await time(() => entry.run(org));
        if (round >= WARMUP) entry.times.push(took);
      }
    }

    const n = (x: number) => x.toLocaleString("en-US");
    console.log(`\nPosts list (posts.search), ${n(orgs.length)} organizations × ${n(POSTS)} posts (${n(orgs.length * POSTS)} posts, ${n(Math.round(orgs.length * POSTS * 1.5))} targets, seeded in ${seedSeconds.toFixed(0)} s)`);
    console.log(`  ${n(SAMPLES)} calls per variant and page kind (after ${WARMUP} warm-up rounds), interleaved, a random organization each; pages of ${PAGE}`);
    const all: Record<Variant, number[]> = { sql: [], tenant: [], trpc: [] };
    for (const kind of KINDS) {
      const entry = times[kind.label];
      if (!entry) continue;
      printTable(kind.label, entry);
      for (const v of VARIANTS) all[v].push(...entry[v]);
    }
    printTable("all page kinds", all);
    console.log(`  ${"fixed costs per request, alone".padEnd(49)}${"p50".padStart(10)}${"p95".padStart(10)}${"p99".padStart(10)}`);
    for (const [label, entry] of Object.entries(fixed)) {
      const sorted = [...entry.times].sort((a, b) => a - b);
      console.log(`    ${label.padEnd(47)}${ms(percentile(sorted, 50))}${ms(percentile(sorted, 95))}${ms(percentile(sorted, 99))}`);
    }
  } finally {
    await (KEEP ? Promise.resolve() : cleanup(client, prefix)).finally(() => client.end());
  }
}
