import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { capMessage, capText, codePointLength, createDebouncer, FALLBACK_TEXT_CAP, textCapFor } from "~/components/posts/composer/text-limits";

const networks = (...limits: number[]) => limits.map((maxTextLength) => ({ rules: { maxTextLength } }));

describe("the composer's text cap", () => {
  it("is the longest limit of any network plus a margin (10 %, at least 500), whichever accounts are chosen", () => {
    expect(textCapFor(networks(280, 2_200, 63_206))).toBe(63_206 + 6_321);
    expect(textCapFor(networks(280))).toBe(780);
    expect(textCapFor(networks(3_000, 280))).toBe(3_500);
    expect(textCapFor([])).toBe(FALLBACK_TEXT_CAP);
  });

  it("keeps text that fits as it is", () => {
    expect(capText("Hello", 10)).toEqual({ text: "Hello", removed: 0 });
    expect(capText("😀😀", 2)).toEqual({ text: "😀😀", removed: 0 });
  });

  it("cuts a huge paste to the cap in code points, never splitting an emoji, and says how much went", () => {
    const megabyte = "a".repeat(1_000_000);
    const started = performance.now();
    const capped = capText(megabyte, 69_527);
    expect(performance.now() - started).toBeLessThan(200);
    expect(capped.text.length).toBe(69_527);
    expect(capped.removed).toBe(1_000_000 - 69_527);

    expect(capText("ab😀cd", 3)).toEqual({ text: "ab😀", removed: 2 });
    expect(codePointLength(capText("😀".repeat(10), 4).text)).toBe(4);
    expect(capMessage(930_473, 69_527)).toBe("Only the first 69,527 characters were kept — no network takes a longer post. 930,473 characters were left out.");
    expect(capMessage(1, 780)).toContain("1 character was left out");
  });

  it("counts code points like the networks do", () => {
    expect(codePointLength("")).toBe(0);
    expect(codePointLength("héllo")).toBe(5);
    expect(codePointLength("👍🏽 ok")).toBe([..."👍🏽 ok"].length);
  });
});

describe("the live checks' debounce", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a burst of keystrokes is checked once, with the last text, after the pause", () => {
    const settled: string[] = [];
    const debouncer = createDebouncer<string>(250, (value) => settled.push(value));
    for (const text of ["H", "He", "Hel", "Hell", "Hello"]) {
      debouncer.push(text);
      vi.advanceTimersByTime(100);
    }
    expect(settled).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(settled).toEqual(["Hello"]);
    vi.advanceTimersByTime(10_000);
    expect(settled).toEqual(["Hello"]);
  });

  it("flush delivers at once; cancel drops what was pending", () => {
    const settled: number[] = [];
    const debouncer = createDebouncer<number>(250, (value) => settled.push(value));
    debouncer.push(1);
    debouncer.flush();
    expect(settled).toEqual([1]);
    debouncer.push(2);
    debouncer.cancel();
    vi.advanceTimersByTime(1_000);
    expect(settled).toEqual([1]);
    debouncer.flush();
    expect(settled).toEqual([1]);
  });
});
