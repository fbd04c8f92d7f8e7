import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import type { TenantDb } from "@mg/db";
import type { JobEvent } from "@mg/jobs";
import { listNetworks } from "@mg/integrations";
import { createRowChecker, importHeaderErrors, MAX_IMPORT_ROWS, MAX_REPORTED_ROW_ERRORS, normalizeImportHeader, type ImportRow, type RowError } from "../../post-import/rows";
import { badRequestWith } from "../../trpc/errors";
import type { PostActor } from "./save-post";

/**
 * Validates every row of a CSV of posts with the import's shared row rules, then imports all of
 * them in the caller's transaction — or none: any invalid row refuses the whole file with a
 * per-row report. Imported posts are scheduled and grouped under one ImportBatch so the import
 * can be undone as a whole.
 */
export async function importPostsCsv(actor: PostActor, input: { fileName: string; csv: string }, now: Date = new Date()) {
  const parsed = Papa.parse<Record<string, string>>(input.csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: normalizeImportHeader });
  const headerErrors = importHeaderErrors(parsed.meta.fields ?? []);
  if (headerErrors.length) throw badRequestWith("The file's header is not what the import expects. Nothing was imported.", { rowErrors: headerErrors });
  const rows = parsed.data;
  if (rows.length === 0) throw badRequestWith("The file has a header but no posts. Nothing was imported.", { rowErrors: [] });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw badRequestWith(`The file has ${rows.length.toLocaleString("en-US")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time. Nothing was imported.`, { rowErrors: [] });
  }

  const [accounts, campaigns] = await Promise.all([
    actor.db.socialAccount.findMany({ select: { id: true, network: true, name: true, handle: true, status: true } }),
    actor.db.campaign.findMany({ where: { archivedAt: null }, select: { id: true, name: true } }),
  ]);
  const networks = new Map(listNetworks().map((n) => [n.network as string, n]));
  const check = createRowChecker({ timezone: actor.org.timezone, accounts, campaigns, now, networks });

  // Rows are validated a chunk at a time, and each valid chunk is written while the next one is
  // checked: the database works while Node parses times in their zones (the two took turns
  // before, and were about equal). One invalid row stops the writing; the rest are still checked
  // for the report, and the refusal rolls back whatever was written — all or nothing as before.
  const errors: RowError[] = [];
  const valid: ParsedRow[] = [];
  const writer = importWriter(actor, input.fileName, rows.length);
  let chunk: ParsedRow[] = [];
  for (const [index, raw] of rows.entries()) {
    const { errors: rowErrors, value } = check(raw, index + 1);
    if (value) {
      const row = { ...value, id: randomUUID() };
      valid.push(row);
      chunk.push(row);
    } else if (errors.length < MAX_REPORTED_ROW_ERRORS) errors.push(...rowErrors.slice(0, MAX_REPORTED_ROW_ERRORS - errors.length));
    if (chunk.length === CHUNK) {
      if (valid.length === index + 1) await writer.write(chunk);
      chunk = [];
    }
  }
  if (valid.length !== rows.length) {
    await writer.settled();
    const bad = rows.length - valid.length;
    throw badRequestWith(`${bad.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} rows have problems. Nothing was imported; fix them and import the file again.`, { rowErrors: errors });
  }
  if (chunk.length) await writer.write(chunk);
  const batchId = await writer.finish();
  const organizationId = actor.org.id;
  const events: JobEvent[] = valid.map((row) => ({
    name: "post/scheduled",
    id: `post:${row.id}:v1`,
    data: { organizationId, postId: row.id, scheduleVersion: 1, scheduledAt: row.scheduledAt.toISOString() },
  }));
  return { batchId, rowCount: valid.length, events };
}

type ParsedRow = ImportRow & { id: string };

/** Rows per INSERT: small enough that writing overlaps checking, large enough to be one round trip per thousand rows. */
const CHUNK = 1_000;

/** Lets a query that was just issued reach the socket before the next chunk's (synchronous) checks run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes validated chunks in the caller's transaction, one after another, without making the
 * caller wait for each: one INSERT … SELECT FROM unnest(…) per table and chunk — arrays instead of
 * one bind parameter per cell. Raw SQL inside the tenant transaction: row-level security still
 * checks every row's organization_id (WITH CHECK), and every row carries the caller's organization.
 */
function importWriter(actor: PostActor, fileName: string, rowCount: number) {
  const organizationId = actor.org.id;
  let batchId: string | null = null;
  // One chain: a transaction runs one statement at a time, and a failure stops the ones after it.
  let chain: Promise<void> = Promise.resolve();
  const insert = async (rows: ParsedRow[]) => {
    if (!batchId) batchId = (await actor.db.importBatch.create({ data: { organizationId, fileName, rowCount, createdById: actor.userId } })).id;
    await actor.db.$executeRaw`
      INSERT INTO posts (id, organization_id, author_id, content, first_comment, labels, campaign_id, status, timezone, local_time, scheduled_at, schedule_version, import_batch_id, updated_at)
      SELECT p.id, ${organizationId}::uuid, ${actor.userId}::uuid, p.content, p.first_comment,
             COALESCE(string_to_array(NULLIF(p.labels, ''), '|'), '{}'), p.campaign_id, 'SCHEDULED'::"PostStatus", p.timezone, p.local_time, (p.scheduled_at::timestamptz AT TIME ZONE 'UTC'), 1, ${batchId}::uuid, now()
      FROM unnest(
        ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.content)}::text[], ${rows.map((r) => r.firstComment)}::text[],
        ${rows.map((r) => r.labels.join("|"))}::text[], ${rows.map((r) => r.campaignId)}::uuid[], ${rows.map((r) => r.timezone)}::text[],
        ${rows.map((r) => r.localTime)}::text[], ${rows.map((r) => r.scheduledAt.toISOString())}::text[]
      ) AS p(id, content, first_comment, labels, campaign_id, timezone, local_time, scheduled_at)`;
    const targets = rows.flatMap((row) => row.accounts.map((account) => ({ postId: row.id, accountId: account.id, network: account.network, scheduledAt: row.scheduledAt })));
    await actor.db.$executeRaw`
      INSERT INTO post_targets (id, organization_id, post_id, social_account_id, network, status, scheduled_at, updated_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, t.post_id, t.account_id, t.network::"SocialNetwork", 'SCHEDULED'::"PostTargetStatus", (t.scheduled_at::timestamptz AT TIME ZONE 'UTC'), now()
      FROM unnest(${targets.map((t) => t.postId)}::uuid[], ${targets.map((t) => t.accountId)}::uuid[], ${targets.map((t) => t.network)}::text[], ${targets.map((t) => t.scheduledAt.toISOString())}::text[])
        AS t(post_id, account_id, network, scheduled_at)`;
  };
  return {
    async write(rows: ParsedRow[]) {
      chain = chain.then(() => insert(rows));
      // Observed at finish(); until then a failure must not surface as an unhandled rejection.
      chain.catch(() => undefined);
      await nextTurn();
    },
    /** Waits for what was issued, whatever its outcome (before a refusal rolls the transaction back). */
    async settled() {
      await chain.catch(() => undefined);
    },
    async finish(): Promise<string> {
      await chain;
      if (!batchId) throw new Error("an import with rows wrote no batch");
      return batchId;
    },
  };
}

/** Removes an import's posts that have not gone out yet; published ones stay (they are live). */
export async function undoImport(db: TenantDb, batchId: string) {
  const batch = await db.importBatch.findFirst({ where: { id: batchId } });
  if (!batch) return null;
  const pending = await db.post.findMany({ where: { importBatchId: batch.id, status: { in: ["SCHEDULED", "DRAFT", "FAILED"] } }, select: { id: true, scheduleVersion: true } });
  await db.post.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } });
  await db.importBatch.update({ where: { id: batch.id }, data: { status: "UNDONE" } });
  const events: JobEvent[] = pending.map((p) => ({
    name: "post/cancelled",
    id: `post:${p.id}:cancel:v${p.scheduleVersion + 1}`,
    data: { organizationId: batch.organizationId, postId: p.id, scheduleVersion: p.scheduleVersion + 1 },
  }));
  return { batchId: batch.id, removed: pending.length, events };
}
