import { describe, expect, it } from "vitest";
import { dropOf, moveToEnd, stageDropId } from "~/app/[orgSlug]/deals/board-model";
import { formatMinor, minorToDecimal, parseAmount } from "~/app/[orgSlug]/deals/money";

/** The board's drop arithmetic (which neighbours a drop names) and the exact money helpers. */
const columns = new Map([
  ["s1", ["a", "b", "c"]],
  ["s2", ["x", "y"]],
  ["s3", []],
]);

describe("dropOf", () => {
  it("within a stage: moving down lands after the card it was dropped on, moving up before it", () => {
    expect(dropOf(columns, "a", "c")).toEqual({ stageId: "s1", order: ["b", "c", "a"], afterDealId: "c", beforeDealId: null });
    expect(dropOf(columns, "c", "a")).toEqual({ stageId: "s1", order: ["c", "a", "b"], afterDealId: null, beforeDealId: "a" });
    expect(dropOf(columns, "b", "b")).toBeNull();
  });

  it("into another stage: before the card dropped on, or at the end of the column", () => {
    expect(dropOf(columns, "b", "y")).toEqual({ stageId: "s2", order: ["x", "b", "y"], afterDealId: "x", beforeDealId: "y" });
    expect(dropOf(columns, "b", stageDropId("s2"))).toEqual({ stageId: "s2", order: ["x", "y", "b"], afterDealId: "y", beforeDealId: null });
    expect(dropOf(columns, "b", stageDropId("s3"))).toEqual({ stageId: "s3", order: ["b"], afterDealId: null, beforeDealId: null });
  });

  it("ignores drops outside the board or on unknown targets", () => {
    expect(dropOf(columns, "a", null)).toBeNull();
    expect(dropOf(columns, "a", stageDropId("nope"))).toBeNull();
    expect(dropOf(columns, "zz", "a")).toBeNull();
  });

  it("Move to stage puts the card at the end", () => {
    expect(moveToEnd(columns, "a", "s2")).toEqual({ stageId: "s2", order: ["x", "y", "a"], afterDealId: "y", beforeDealId: null });
  });
});

describe("money", () => {
  it("turns typed amounts into exact minor units and back, per currency", () => {
    expect(parseAmount("1,500.5", "EUR")).toBe("150050");
    expect(parseAmount("12", "JPY")).toBe("12");
    expect(parseAmount("1.5", "JPY")).toBeNull();
    expect(parseAmount("0.001", "EUR")).toBeNull();
    expect(parseAmount("abc", "EUR")).toBeNull();
    expect(parseAmount("", "EUR")).toBe("0");
    expect(minorToDecimal("5", "EUR")).toBe("0.05");
    expect(minorToDecimal("9223372036854775807", "USD")).toBe("92233720368547758.07");
    expect(formatMinor("150050", "EUR")).toBe("€1,500.50");
    expect(formatMinor("150000", "USD")).toBe("$1,500");
  });
});
