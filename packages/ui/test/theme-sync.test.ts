import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8");

/** Custom-property declarations inside the first block that follows `marker`. */
function tokensAfter(css: string, marker: string): Record<string, string> {
  const start = css.indexOf(marker);
  if (start === -1) throw new Error(`marker not found: ${marker}`);
  const open = css.indexOf("{", start + marker.length);
  const close = css.indexOf("}", open);
  const body = css.slice(open + 1, close);
  const tokens: Record<string, string> = {};
  for (const match of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    const [, name, value] = match;
    if (name && value) tokens[name] = value.trim();
  }
  return tokens;
}

describe("theme tokens", () => {
  it("system-theme.css mirrors the .dark tokens of styles.css", () => {
    const dark = tokensAfter(read("styles.css"), "\n.dark");
    const system = tokensAfter(read("system-theme.css"), "@media (prefers-color-scheme: dark) {\n  :root");
    expect(Object.keys(dark).length).toBeGreaterThan(30);
    expect(system).toEqual(dark);
  });

  it("dark mode overrides every light token except the radius", () => {
    const css = read("styles.css");
    const light = Object.keys(tokensAfter(css, "\n:root {")).filter((k) => k !== "--radius");
    const dark = Object.keys(tokensAfter(css, "\n.dark"));
    expect(dark.sort()).toEqual(light.sort());
  });
});
