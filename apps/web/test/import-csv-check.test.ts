import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { normalizeImportHeader, type ImportContext } from "@mg/api/post-import";
import type { ContentRules } from "@mg/integrations/types";
import { checkRows, fileRefusal, headerErrors, MAX_BYTES, MAX_ROWS, rowCountProblem, rowProblemSummary } from "~/app/[orgSlug]/posts/import/csv-check";

/** What the page's reader produces from a file (parseCsvFile does the same with chunks). */
function parse(csv: string): { headers: string[]; rows: Record<string, string>[] } {
  const result = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: "greedy", transformHeader: normalizeImportHeader });
  return { headers: result.meta.fields ?? [], rows: result.data };
}

const X_RULES: ContentRules = {
  maxTextLength: 60,
  maxMedia: 4,
  requiresMedia: false,
  allowsMixedMedia: false,
  maxImageBytes: 5_000_000,
  maxVideoBytes: 500_000_000,
  maxVideoSeconds: 140,
  imageTypes: ["image/png", "image/jpeg"],
  videoTypes: ["video/mp4"],
  supportsFirstComment: true,
  supportsCarousel: true,
};

const context: ImportContext = {
  timezone: "Europe/London",
  now: new Date("2026-03-01T12:00:00Z"),
  accounts: [
    { id: "acc-1", name: "Corner Shop", handle: "@cornershop", status: "CONNECTED", network: "X" },
    { id: "acc-2", name: "Old Page", handle: "oldpage", status: "NEEDS_RECONNECT", network: "X" },
  ],
  campaigns: [{ id: "camp-1", name: "Spring Sale" }],
  networks: new Map([["X", { displayName: "X", rules: X_RULES }]]),
};

async function check(csv: string) {
  const { rows } = parse(csv);
  const progress: number[] = [];
  const errors = await checkRows(rows, context, (p) => progress.push(p));
  return { errors, progress };
}

const HEADER = "content,accounts,date,time,timezone,labels,campaign,first_comment";

describe("the import page's CSV checks", () => {
  it("refuses files that are not CSV or are too large before reading them", () => {
    expect(fileRefusal({ name: "plan.csv", type: "", size: 10 })).toBeNull();
    expect(fileRefusal({ name: "export", type: "text/csv", size: 10 })).toBeNull();
    expect(fileRefusal({ name: "plan.xlsx", type: "application/vnd.ms-excel", size: 10 })).toMatch(/Choose a \.csv file/);
    expect(fileRefusal({ name: "plan.csv", type: "text/csv", size: MAX_BYTES + 1 })).toMatch(/larger than 20 MB/);
  });

  it("checks the header: required columns, unknown ones, and headers as people write them", () => {
    expect(headerErrors(parse("Content,Accounts,Date,Time,First Comment\nx,y,z,w,v\n").headers)).toEqual([]);
    expect(headerErrors(parse("content,date,colour\nx,y,z\n").headers)).toEqual([
      { row: 0, column: "accounts", message: 'The header has no "accounts" column.' },
      { row: 0, column: "time", message: 'The header has no "time" column.' },
      { row: 0, column: "colour", message: expect.stringContaining('Unknown column "colour"') },
    ]);
  });

  it("says when a file has no posts or too many, and counts rows (not errors) with problems", () => {
    expect(rowCountProblem(0)).toBe("The file has a header but no posts.");
    expect(rowCountProblem(1)).toBeNull();
    expect(rowCountProblem(MAX_ROWS)).toBeNull();
    expect(rowCountProblem(MAX_ROWS + 1)).toBe(`The file has ${(MAX_ROWS + 1).toLocaleString("en-US")} rows; import at most ${MAX_ROWS.toLocaleString("en-US")} at a time.`);
    const errors = [
      { row: 2, column: "date", message: "a" },
      { row: 2, column: "time", message: "b" },
      { row: 5, column: "accounts", message: "c" },
    ];
    expect(rowProblemSummary(errors, 1200)).toBe("2 of 1,200 rows have problems.");
  });

  it("reports each problem with its row and column, the way the server would", async () => {
    const { errors } = await check(
      [
        HEADER,
        "Fine post,@cornershop,2026-03-02,09:00,,,,",
        ",@cornershop,2026-03-02,09:00,,,,",
        "Bad date,@cornershop,2026-02-30,09:00,,,,",
        "Bad time,@cornershop,2026-03-02,25:00,,,,",
        "Who?,@nobody,2026-03-02,09:00,,,,",
        "Stale account,oldpage,2026-03-02,09:00,,,,",
        "Past,Corner Shop,2026-02-01,09:00,,,,",
        // 01:30 does not exist in London on 29 March 2026 (clocks go 01:00 → 02:00).
        "In the gap,acc-1,2026-03-29,01:30,,,,",
        "No such zone,@cornershop,2026-03-02,09:00,Mars/Olympus,,,",
        "Wrong campaign,@cornershop,2026-03-02,09:00,,,Winter,",
        "This post is far too long for the sixty characters that X allows here,@cornershop,2026-03-02,09:00,,,,",
      ].join("\n"),
    );
    const byRow = (row: number) => errors.filter((e) => e.row === row).map((e) => e.column);
    expect(byRow(1)).toEqual([]);
    expect(byRow(2)).toEqual(["content"]);
    expect(byRow(3)).toEqual(["date"]);
    expect(byRow(4)).toEqual(["time"]);
    expect(errors.find((e) => e.row === 5)?.message).toBe('No connected account "@nobody".');
    expect(errors.find((e) => e.row === 6)?.message).toBe("Old Page needs to be reconnected.");
    expect(errors.find((e) => e.row === 7)).toMatchObject({ column: "date", message: expect.stringContaining("has already passed") });
    expect(errors.find((e) => e.row === 8)).toMatchObject({ column: "time", message: expect.stringMatching(/Try 02:\d\d/) });
    expect(byRow(9)).toEqual(["timezone"]);
    expect(errors.find((e) => e.row === 10)?.message).toBe('No campaign named "Winter".');
    expect(errors.find((e) => e.row === 11)).toMatchObject({ column: "content", message: expect.stringContaining("Corner Shop:") });
  });

  it("stops at 500 problems and shows progress all the way", async () => {
    const rows = Array.from({ length: 1_200 }, () => "Who?,@nobody,2026-03-02,09:00,,,,");
    const { errors, progress } = await check([HEADER, ...rows].join("\n"));
    expect(errors).toHaveLength(500);
    expect(progress.every((p, i) => i === 0 || p >= (progress[i - 1] ?? 0))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });
});
