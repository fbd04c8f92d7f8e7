import { describe, expect, it } from "vitest";
import robots from "../src/app/robots";

describe("the web app's robots.txt", () => {
  it("keeps every crawler out of the whole app", () => {
    const { rules, sitemap } = robots();
    expect(rules).toEqual({ userAgent: "*", disallow: "/" });
    // The app has no public pages to list; the marketing site carries the sitemap.
    expect(sitemap).toBeUndefined();
  });
});
