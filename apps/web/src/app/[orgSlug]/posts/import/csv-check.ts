import Papa from "papaparse";
import { resolveLocalTime } from "@mg/scheduling";
import type { RowError } from "~/components/posts/schedule-problem";

/** The columns the import understands, in template order (`disambiguation` only for DST overlaps). */
export const TEMPLATE_COLUMNS = ["content", "accounts", "date", "time", "timezone", "labels", "campaign", "first_comment"] as const;
const KNOWN_COLUMNS = new Set<string>([...TEMPLATE_COLUMNS, "disambiguation"]);
const REQUIRED = ["content", "accounts", "date", "time"] as const;
export const MAX_ROWS = 20_000;
const MAX_REPORTED = 500;

export const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, "_");

export interface ParsedCsv {
  headers: string[];
  rows: Record<string, string>[];
}

/** Reads the file in chunks so a large one shows progress instead of freezing the page. */
export function parseCsvFile(file: File, onProgress: (fraction: number) => void): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    let headers: string[] = [];
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: "greedy",
      chunkSize: 256 * 1024,
      transformHeader: normalizeHeader,
      chunk: (results) => {
        if (headers.length === 0) headers = results.meta.fields ?? [];
        rows.push(...results.data);
        onProgress(file.size > 0 ? Math.min(1, results.meta.cursor / file.size) : 1);
      },
      complete: () => {
        onProgress(1);
        resolve({ headers, rows });
      },
      error: (error) => reject(new Error(`Could not read the file: ${error.message}`)),
    });
  });
}

export interface CheckContext {
  timezone: string;
  accounts: { id: string; name: string; handle: string | null; status: string }[];
  campaigns: { name: string }[];
  now: Date;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return /\//.test(value) || value === "UTC";
  } catch {
    return false;
  }
}

export function headerErrors(headers: readonly string[]): RowError[] {
  const errors: RowError[] = [];
  for (const column of REQUIRED) if (!headers.includes(column)) errors.push({ row: 0, column, message: `The header has no "${column}" column.` });
  for (const column of headers) if (!KNOWN_COLUMNS.has(column)) errors.push({ row: 0, column, message: `Unknown column "${column}".` });
  return errors;
}

/**
 * The same row checks the server makes before it imports anything (the server also checks each
 * network's length limits): found here first, the user fixes the sheet without a round trip.
 * Works through the rows in slices so the progress bar moves.
 */
export async function checkRows(rows: readonly Record<string, string>[], ctx: CheckContext, onProgress: (fraction: number) => void): Promise<RowError[]> {
  const accounts = new Map<string, CheckContext["accounts"][number]>();
  for (const a of ctx.accounts) {
    accounts.set(a.id.toLowerCase(), a);
    accounts.set(a.name.toLowerCase(), a);
    if (a.handle) {
      const handle = a.handle.toLowerCase().replace(/^@/, "");
      accounts.set(handle, a);
      accounts.set(`@${handle}`, a);
    }
  }
  const campaigns = new Set(ctx.campaigns.map((c) => c.name.toLowerCase()));
  const errors: RowError[] = [];
  const SLICE = 500;
  for (let start = 0; start < rows.length; start += SLICE) {
    for (let index = start; index < Math.min(rows.length, start + SLICE); index++) {
      if (errors.length >= MAX_REPORTED) break;
      const raw = rows[index] ?? {};
      const row = index + 1;
      const cell = (key: string) => (raw[key] ?? "").trim();
      const fail = (column: string, message: string) => errors.push({ row, column, message });
      const before = errors.length;
      if (!cell("content")) fail("content", "The post has no text.");
      const timezone = cell("timezone") || ctx.timezone;
      if (!isTimeZone(timezone)) fail("timezone", `"${timezone}" is not an IANA time zone (e.g. Europe/London).`);
      const date = cell("date");
      const time = cell("time").padStart(5, "0");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail("date", `"${date}" is not a date like 2026-03-08.`);
      if (!/^\d{2}:\d{2}$/.test(time) || Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59) fail("time", `"${cell("time")}" is not a time like 09:30.`);
      const keys = cell("accounts").split("|").map((k) => k.trim()).filter(Boolean);
      if (keys.length === 0) fail("accounts", "Name at least one account (its @handle, name or id; several separated by |).");
      for (const key of keys) {
        const account = accounts.get(key.toLowerCase());
        if (!account) fail("accounts", `No connected account "${key}".`);
        else if (account.status !== "CONNECTED") fail("accounts", `${account.name} needs to be reconnected.`);
      }
      const campaign = cell("campaign");
      if (campaign && !campaigns.has(campaign.toLowerCase())) fail("campaign", `No campaign named "${campaign}".`);
      const disambiguation = cell("disambiguation").toLowerCase();
      if (disambiguation && disambiguation !== "earlier" && disambiguation !== "later") fail("disambiguation", 'Use "earlier" or "later".');
      if (errors.length === before) {
        try {
          const resolved = resolveLocalTime(timezone, `${date}T${time}`, disambiguation === "earlier" || disambiguation === "later" ? disambiguation : undefined);
          if (resolved.kind === "gap") fail("time", `${resolved.message} Try ${resolved.suggestion.localTime.slice(11)}.`);
          else if (resolved.kind === "ambiguous") fail("time", `${resolved.message} Add a "disambiguation" column with "earlier" or "later".`);
          else if (resolved.instant.getTime() < ctx.now.getTime()) fail("date", `${date} ${time} in ${timezone} has already passed.`);
        } catch (error) {
          fail("date", error instanceof Error ? error.message : "That date does not exist.");
        }
      }
    }
    onProgress(Math.min(1, (start + SLICE) / Math.max(1, rows.length)));
    // Let the browser paint the progress between slices.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress(1);
  return errors;
}

/** A filled-in example, ready to open in a spreadsheet. */
export function templateCsv(example: { account: string; date: string; timezone: string; campaign: string | null }): string {
  return Papa.unparse({
    fields: [...TEMPLATE_COLUMNS],
    data: [
      ["Fresh sourdough is out of the oven! 🍞 #bakery", example.account, example.date, "09:00", "", "bread|morning", example.campaign ?? "", "Order ahead on our website."],
      ["Weekend special: two croissants for the price of one.", example.account, example.date, "16:30", example.timezone, "offers", "", ""],
    ],
  });
}
