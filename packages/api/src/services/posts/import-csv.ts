import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import type { TenantDb } from "@mg/db";
import type { JobEvent } from "@mg/jobs";
import { listNetworks } from "@mg/integrations";
import { validateAgainstRules } from "@mg/integrations/validation";
import { resolveLocalTime } from "@mg/scheduling";
import { isIanaTimeZone } from "../../schemas/common";
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from "../../schemas/posts";
import { badRequestWith } from "../../trpc/errors";
import type { PostActor } from "./save-post";

export interface RowError {
  /** 1-based data row (the header is row 0). */
  row: number;
  column: string;
  message: string;
}

interface ParsedRow {
  id: string;
  content: string;
  firstComment: string | null;
  labels: string[];
  campaignId: string | null;
  timezone: string;
  localTime: string;
  scheduledAt: Date;
  accounts: { id: string; network: string }[];
}

const REQUIRED = ["content", "accounts", "date", "time"] as const;
/** Report at most this many problems: enough to fix a file, not a 10,000-line wall. */
const MAX_REPORTED_ERRORS = 500;
const CHUNK = 5_000;

const cell = (row: Record<string, string | undefined>, key: string) => (row[key] ?? "").trim();
const splitList = (value: string) => value.split("|").map((v) => v.trim()).filter(Boolean);

/** Looks accounts up by id, @handle, handle or name (case-insensitive) — what people put in sheets. */
function accountIndex(accounts: { id: string; network: string; name: string; handle: string | null; status: string }[]) {
  const index = new Map<string, (typeof accounts)[number]>();
  for (const account of accounts) {
    index.set(account.id.toLowerCase(), account);
    index.set(account.name.toLowerCase(), account);
    if (account.handle) {
      index.set(account.handle.toLowerCase().replace(/^@/, ""), account);
      index.set(`@${account.handle.toLowerCase().replace(/^@/, "")}`, account);
    }
  }
  return index;
}

/**
 * Validates every row of a CSV of posts, then imports all of them in the caller's transaction —
 * or none: any invalid row refuses the whole file with a per-row report. Imported posts are
 * scheduled and grouped under one ImportBatch so the import can be undone as a whole.
 */
export async function importPostsCsv(actor: PostActor, input: { fileName: string; csv: string }, now: Date = new Date()) {
  const parsed = Papa.parse<Record<string, string>>(input.csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase().replace(/\s+/g, "_"),
  });
  const headers = parsed.meta.fields ?? [];
  const headerErrors: RowError[] = [];
  for (const column of REQUIRED) if (!headers.includes(column)) headerErrors.push({ row: 0, column, message: `The header has no "${column}" column.` });
  for (const column of headers) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) headerErrors.push({ row: 0, column, message: `Unknown column "${column}". Columns: ${IMPORT_COLUMNS.join(", ")}.` });
  }
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
  const accountsByKey = accountIndex(accounts);
  const campaignsByName = new Map(campaigns.map((c) => [c.name.toLowerCase(), c.id]));
  const networks = new Map(listNetworks().map((n) => [n.network as string, n]));

  const errors: RowError[] = [];
  const valid: ParsedRow[] = [];
  for (const [index, raw] of rows.entries()) {
    const row = index + 1;
    const rowErrors: RowError[] = [];
    const fail = (column: string, message: string) => rowErrors.push({ row, column, message });
    const content = cell(raw, "content");
    if (!content) fail("content", "The post has no text.");
    const timezone = cell(raw, "timezone") || actor.org.timezone;
    if (!isIanaTimeZone(timezone)) fail("timezone", `"${timezone}" is not an IANA time zone (e.g. Europe/London).`);
    const date = cell(raw, "date");
    const time = cell(raw, "time").padStart(5, "0");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail("date", `"${date}" is not a date like 2026-03-08.`);
    if (!/^\d{2}:\d{2}$/.test(time) || Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59) fail("time", `"${cell(raw, "time")}" is not a time like 09:30.`);
    const disambiguation = cell(raw, "disambiguation").toLowerCase();
    if (disambiguation && disambiguation !== "earlier" && disambiguation !== "later") fail("disambiguation", 'Use "earlier" or "later".');

    const targetAccounts: { id: string; network: string; name: string }[] = [];
    const accountKeys = splitList(cell(raw, "accounts"));
    if (accountKeys.length === 0) fail("accounts", "Name at least one account (its @handle, name or id; several separated by |).");
    for (const key of accountKeys) {
      const account = accountsByKey.get(key.toLowerCase());
      if (!account) fail("accounts", `No connected account "${key}".`);
      else if (account.status !== "CONNECTED") fail("accounts", `${account.name} needs to be reconnected.`);
      else if (!targetAccounts.some((a) => a.id === account.id)) targetAccounts.push(account);
    }
    const campaignName = cell(raw, "campaign");
    const campaignId = campaignName ? (campaignsByName.get(campaignName.toLowerCase()) ?? null) : null;
    if (campaignName && !campaignId) fail("campaign", `No campaign named "${campaignName}".`);
    const firstComment = cell(raw, "first_comment") || null;

    let scheduledAt: Date | null = null;
    const localTime = `${date}T${time}`;
    if (rowErrors.length === 0) {
      try {
        const resolved = resolveLocalTime(timezone, localTime, disambiguation === "earlier" || disambiguation === "later" ? disambiguation : undefined);
        if (resolved.kind === "gap") fail("time", `${resolved.message} Try ${resolved.suggestion.localTime.slice(11)}.`);
        else if (resolved.kind === "ambiguous") fail("time", `${resolved.message} Add a "disambiguation" column with "earlier" or "later".`);
        else if (resolved.instant.getTime() < now.getTime()) fail("date", `${date} ${time} in ${timezone} has already passed.`);
        else scheduledAt = resolved.instant;
      } catch (error) {
        fail("date", error instanceof Error ? error.message : "That date does not exist.");
      }
    }
    for (const account of content ? targetAccounts : []) {
      const network = networks.get(account.network);
      if (!network) continue;
      for (const issue of validateAgainstRules(network.rules, network.displayName, { text: content, media: [], firstComment })) {
        if (issue.severity === "error") fail(issue.field === "firstComment" ? "first_comment" : "content", `${account.name}: ${issue.message}`);
      }
    }
    if (rowErrors.length || !scheduledAt) {
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(...rowErrors.slice(0, MAX_REPORTED_ERRORS - errors.length));
      continue;
    }
    valid.push({ id: randomUUID(), content, firstComment, labels: splitList(cell(raw, "labels")).slice(0, 20), campaignId, timezone, localTime, scheduledAt, accounts: targetAccounts });
  }
  if (valid.length !== rows.length) {
    const bad = rows.length - valid.length;
    throw badRequestWith(`${bad.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} rows have problems. Nothing was imported; fix them and import the file again.`, { rowErrors: errors });
  }
  return insertImport(actor, input.fileName, valid);
}

/**
 * Writes the validated rows in the caller's transaction: one INSERT … SELECT FROM unnest(…) per
 * table and chunk — arrays instead of one bind parameter per cell, so 10,000 posts take one round
 * trip per chunk. Raw SQL inside the tenant transaction: row-level security still checks every
 * row's organization_id (WITH CHECK), and every row carries the caller's organization.
 */
async function insertImport(actor: PostActor, fileName: string, rows: ParsedRow[]) {
  const organizationId = actor.org.id;
  const batch = await actor.db.importBatch.create({ data: { organizationId, fileName, rowCount: rows.length, createdById: actor.userId } });
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await actor.db.$executeRaw`
      INSERT INTO posts (id, organization_id, author_id, content, first_comment, labels, campaign_id, status, timezone, local_time, scheduled_at, schedule_version, import_batch_id, updated_at)
      SELECT p.id, ${organizationId}::uuid, ${actor.userId}::uuid, p.content, p.first_comment,
             COALESCE(string_to_array(NULLIF(p.labels, ''), '|'), '{}'), p.campaign_id, 'SCHEDULED'::"PostStatus", p.timezone, p.local_time, (p.scheduled_at::timestamptz AT TIME ZONE 'UTC'), 1, ${batch.id}::uuid, now()
      FROM unnest(
        ${chunk.map((r) => r.id)}::uuid[], ${chunk.map((r) => r.content)}::text[], ${chunk.map((r) => r.firstComment)}::text[],
        ${chunk.map((r) => r.labels.join("|"))}::text[], ${chunk.map((r) => r.campaignId)}::uuid[], ${chunk.map((r) => r.timezone)}::text[],
        ${chunk.map((r) => r.localTime)}::text[], ${chunk.map((r) => r.scheduledAt.toISOString())}::text[]
      ) AS p(id, content, first_comment, labels, campaign_id, timezone, local_time, scheduled_at)`;
    const targets = chunk.flatMap((row) => row.accounts.map((account) => ({ postId: row.id, accountId: account.id, network: account.network, scheduledAt: row.scheduledAt })));
    await actor.db.$executeRaw`
      INSERT INTO post_targets (id, organization_id, post_id, social_account_id, network, status, scheduled_at, updated_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, t.post_id, t.account_id, t.network::"SocialNetwork", 'SCHEDULED'::"PostTargetStatus", (t.scheduled_at::timestamptz AT TIME ZONE 'UTC'), now()
      FROM unnest(${targets.map((t) => t.postId)}::uuid[], ${targets.map((t) => t.accountId)}::uuid[], ${targets.map((t) => t.network)}::text[], ${targets.map((t) => t.scheduledAt.toISOString())}::text[])
        AS t(post_id, account_id, network, scheduled_at)`;
  }
  const events: JobEvent[] = rows.map((row) => ({
    name: "post/scheduled",
    id: `post:${row.id}:v1`,
    data: { organizationId, postId: row.id, scheduleVersion: 1, scheduledAt: row.scheduledAt.toISOString() },
  }));
  return { batchId: batch.id, rowCount: rows.length, events };
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
