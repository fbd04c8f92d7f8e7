import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** A stylesheet without its comments (they mention property names too). */
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

/** Declarations inside the first block that follows `marker`. */
function declarationsAfter(css: string, marker: string): Record<string, string> {
  const start = css.indexOf(marker);
  if (start === -1) throw new Error(`marker not found: ${marker}`);
  const open = css.indexOf("{", start);
  const close = css.indexOf("\n}", open);
  const declarations: Record<string, string> = {};
  for (const match of css.slice(open + 1, close).matchAll(/([\w-]+)\s*:\s*([^;]+);/g)) {
    const [, name, value] = match;
    if (name && value) declarations[name] = value.trim();
  }
  return declarations;
}

describe("theme tokens", () => {
  const styles = read("../src/styles.css");
  const root = declarationsAfter(styles, "\n:root {");

  it("every colour token has a light and a dark value (one light-dark() pair each)", () => {
    const colours = Object.entries(root).filter(([name]) => name.startsWith("--") && name !== "--radius");
    expect(colours.length).toBeGreaterThan(30);
    for (const [name, value] of colours) expect(value, name).toMatch(/^light-dark\(.+,.+\)$/);
  });

  it("the app picks dark with the .dark class; light is the default", () => {
    expect(root["color-scheme"]).toBe("light");
    expect(declarationsAfter(styles, "\n.dark {")["color-scheme"]).toBe("dark");
  });

  it("the marketing site follows the visitor's OS", () => {
    const site = read("../../../apps/marketing-site/src/app/globals.css");
    expect(declarationsAfter(site, "\n:root {")["color-scheme"]).toBe("light dark");
  });
});
