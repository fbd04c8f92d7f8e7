import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GET as hosted } from "../src/app/f/[orgSlug]/[formSlug]/route";
import { GET as embedPage } from "../src/app/f/[orgSlug]/[formSlug]/embed/route";
import { POST as submit } from "../src/app/f/submit/route";
import { GET as embedJs } from "../src/app/embed.js/route";
import { GET as formsJs } from "../src/app/forms.js/route";
import { GET as formsCss } from "../src/app/forms.css/route";
import { config } from "../src/proxy";

/** The site's form routes are the lead-forms service (tested with the database in packages/api). */
const params = (orgSlug: string, formSlug: string) => ({ params: Promise.resolve({ orgSlug, formSlug }) });

describe("form routes", () => {
  it("an unknown organization or form is 404, a bad slug never reaches the database", async () => {
    expect((await hosted(new Request("http://site/f/nobody/nothing"), params("nobody-here", "nothing"))).status).toBe(404);
    expect((await embedPage(new Request("http://site/f/x/y/embed"), params("../etc", "y"))).status).toBe(404);
  });

  it("a POST without a valid token is 400", async () => {
    const res = await submit(new Request("http://site/f/submit", { method: "POST", body: "email=a%40b.c", headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect(res.status).toBe(400);
  });

  it("serves the scripts and the stylesheet, the embed within 10 KB gzip", async () => {
    const js = embedJs();
    expect(js.headers.get("content-type")).toContain("javascript");
    expect(gzipSync(Buffer.from(await js.text())).byteLength).toBeLessThanOrEqual(10 * 1024);
    expect(formsJs().headers.get("content-type")).toContain("javascript");
    expect(formsCss().headers.get("content-type")).toContain("text/css");
  });

  it("the page proxy (nonce CSP, no framing) leaves the form routes to their own headers", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    expect(matcher.test("/pricing")).toBe(true);
    for (const path of ["/f/acme/contact", "/f/submit", "/forms.js", "/embed.js", "/forms.css"]) expect(matcher.test(path)).toBe(false);
  });
});
