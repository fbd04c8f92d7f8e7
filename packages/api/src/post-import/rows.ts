import { resolveLocalTime } from "@mg/scheduling";
import type { ContentRules } from "@mg/integrations/types";
import { validateAgainstRules } from "@mg/integrations/validation";
import { isIanaTimeZone } from "../schemas/common";
import { readCsvCell } from "../csv/write-csv";

/**
 * The CSV import's row rules, in one browser-safe module: the import page checks a file with
 * them before sending it (no round trip to find a typo), and `posts.importCsv` checks again with
 * the same code before it writes anything.
 */

/** The template's columns, in order; `disambiguation` is only for times in a DST overlap. */
export const TEMPLATE_COLUMNS = ["content", "accounts", "date", "time", "timezone", "labels", "campaign", "first_comment"] as const;
export const IMPORT_COLUMNS = [...TEMPLATE_COLUMNS, "disambiguation"] as const;
const REQUIRED_COLUMNS = ["content", "accounts", "date", "time"] as const;
export const MAX_IMPORT_ROWS = 20_000;
/** Report at most this many problems: enough to fix a file, not a 10,000-line wall. */
export const MAX_REPORTED_ROW_ERRORS = 500;

export interface RowError {
  /** 1-based data row (the header is row 0). */
  row: number;
  column: string;
  message: string;
}

export const normalizeImportHeader = (header: string) => header.trim().toLowerCase().replace(/\s+/g, "_");

export function importHeaderErrors(headers: readonly string[]): RowError[] {
  const errors: RowError[] = [];
  for (const column of REQUIRED_COLUMNS) if (!headers.includes(column)) errors.push({ row: 0, column, message: `The header has no "${column}" column.` });
  for (const column of headers) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) errors.push({ row: 0, column, message: `Unknown column "${column}". Columns: ${IMPORT_COLUMNS.join(", ")}.` });
  }
  return errors;
}

export interface ImportAccount {
  id: string;
  name: string;
  handle: string | null;
  status: string;
  network: string;
}

export interface ImportContext {
  /** The organization's zone, for rows without a timezone. */
  timezone: string;
  accounts: readonly ImportAccount[];
  campaigns: readonly { id: string; name: string }[];
  now: Date;
  /** Each network's limits, when known (the server always; the page once they have loaded). */
  networks?: ReadonlyMap<string, { displayName: string; rules: ContentRules }>;
}

export interface ImportRow {
  content: string;
  firstComment: string | null;
  labels: string[];
  campaignId: string | null;
  timezone: string;
  localTime: string;
  scheduledAt: Date;
  accounts: ImportAccount[];
}

const splitList = (value: string) => value.split("|").map((v) => v.trim()).filter(Boolean);

/** Accounts by id, @handle, handle or name (case-insensitive) — what people put in sheets. */
function accountIndex(accounts: readonly ImportAccount[]): Map<string, ImportAccount> {
  const index = new Map<string, ImportAccount>();
  for (const account of accounts) {
    index.set(account.id.toLowerCase(), account);
    index.set(account.name.toLowerCase(), account);
    if (account.handle) {
      const handle = account.handle.toLowerCase().replace(/^@/, "");
      index.set(handle, account);
      index.set(`@${handle}`, account);
    }
  }
  return index;
}

/** Checks one parsed row (`raw` keyed by normalized headers): its problems, or the row to import. */
export function createRowChecker(ctx: ImportContext): (raw: Readonly<Record<string, string | undefined>>, row: number) => { errors: RowError[]; value: ImportRow | null } {
  const accounts = accountIndex(ctx.accounts);
  const campaigns = new Map(ctx.campaigns.map((c) => [c.name.toLowerCase(), c.id]));
  return (raw, row) => {
    const errors: RowError[] = [];
    const fail = (column: string, message: string) => errors.push({ row, column, message });
    // A cell our template neutralized ("'@handle") reads as what was meant ("@handle").
    const cell = (key: string) => readCsvCell(raw[key] ?? "").trim();

    const content = cell("content");
    if (!content) fail("content", "The post has no text.");
    const timezone = cell("timezone") || ctx.timezone;
    if (!isIanaTimeZone(timezone)) fail("timezone", `"${timezone}" is not an IANA time zone (e.g. Europe/London).`);
    const date = cell("date");
    const time = cell("time").padStart(5, "0");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail("date", `"${date}" is not a date like 2026-03-08.`);
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) fail("time", `"${cell("time")}" is not a time like 09:30.`);
    const disambiguation = cell("disambiguation").toLowerCase();
    if (disambiguation && disambiguation !== "earlier" && disambiguation !== "later") fail("disambiguation", 'Use "earlier" or "later".');

    const targets: ImportAccount[] = [];
    const keys = splitList(cell("accounts"));
    if (keys.length === 0) fail("accounts", "Name at least one account (its @handle, name or id; several separated by |).");
    for (const key of keys) {
      const account = accounts.get(key.toLowerCase());
      if (!account) fail("accounts", `No connected account "${key}".`);
      else if (account.status !== "CONNECTED") fail("accounts", `${account.name} needs to be reconnected.`);
      else if (!targets.some((a) => a.id === account.id)) targets.push(account);
    }
    const campaignName = cell("campaign");
    const campaignId = campaignName ? (campaigns.get(campaignName.toLowerCase()) ?? null) : null;
    if (campaignName && !campaignId) fail("campaign", `No campaign named "${campaignName}".`);
    const firstComment = cell("first_comment") || null;

    let scheduledAt: Date | null = null;
    const localTime = `${date}T${time}`;
    if (errors.length === 0) {
      try {
        const resolved = resolveLocalTime(timezone, localTime, disambiguation === "earlier" || disambiguation === "later" ? disambiguation : undefined);
        if (resolved.kind === "gap") fail("time", `${resolved.message} Try ${resolved.suggestion.localTime.slice(11)}.`);
        else if (resolved.kind === "ambiguous") fail("time", `${resolved.message} Add a "disambiguation" column with "earlier" or "later".`);
        else if (resolved.instant.getTime() < ctx.now.getTime()) fail("date", `${date} ${time} in ${timezone} has already passed.`);
        else scheduledAt = resolved.instant;
      } catch (error) {
        fail("date", error instanceof Error ? error.message : "That date does not exist.");
      }
    }
    for (const account of content ? targets : []) {
      const network = ctx.networks?.get(account.network);
      if (!network) continue;
      for (const issue of validateAgainstRules(network.rules, network.displayName, { text: content, media: [], firstComment })) {
        if (issue.severity === "error") fail(issue.field === "firstComment" ? "first_comment" : "content", `${account.name}: ${issue.message}`);
      }
    }
    if (errors.length || !scheduledAt) return { errors, value: null };
    return { errors, value: { content, firstComment, labels: splitList(cell("labels")).slice(0, 20), campaignId, timezone, localTime, scheduledAt, accounts: targets } };
  };
}
