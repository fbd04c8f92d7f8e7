import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { freshCampaign } from "../procedure-cases/social";
import { freshPage } from "../procedure-cases/links";
import { claimLinkCode } from "../../src/services/lead-capture/links";

/** links.*: codes (global, claimed once), destinations (https or the organization's pages), UTM, archive, lists with counts. */
let a: Tenant;
let b: Tenant;
beforeAll(async () => {
  a = await createTenant("links-a");
  b = await createTenant("links-b");
});
afterAll(async () => {
  await deleteTenant(a);
  await deleteTenant(b);
});
const as = (t: Tenant, role: keyof Tenant["users"] = "OWNER") => callerFor(t.users[role], t.slug);

describe("links.create", () => {
  it("generates a base62 code of 7+ characters, claims it in the routing table and presents the short, QR and final URLs", async () => {
    const link = await as(a).links.create({ name: "Window poster", destination: { kind: "url", url: "https://shop.example/bread?x=1" }, utm: { source: "poster", medium: "print", campaign: "", term: " " } });
    expect(link.code).toMatch(/^[0-9A-Za-z]{7,}$/);
    expect(link.shortUrl).toMatch(new RegExp(`/r/${link.code}$`));
    expect(link.qrUrl).toBe(`${link.shortUrl}?qr=1`);
    expect(link.utm).toEqual({ source: "poster", medium: "print" });
    expect(link.finalUrl).toBe("https://shop.example/bread?x=1&utm_source=poster&utm_medium=print");
    const claimed = await systemDb().linkCode.findUniqueOrThrow({ where: { code: link.code } });
    expect(claimed).toMatchObject({ organizationId: a.id, linkId: link.id });
  });

  it("takes a vanity code once across all organizations: B cannot claim A's code (CONFLICT), nothing of B is left behind", async () => {
    const code = `bakery-${Date.now().toString(36)}`;
    const mine = await as(a).links.create({ name: "Vanity", code, destination: { kind: "url", url: "https://example.com/" } });
    expect(mine.code).toBe(code);
    const theirs = as(b).links.create({ name: "Thief", code, destination: { kind: "url", url: "https://evil.example/" } });
    await expect(theirs).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await systemDb().trackedLink.count({ where: { organizationId: b.id, code } })).toBe(0);
    expect((await systemDb().linkCode.findUniqueOrThrow({ where: { code } })).organizationId).toBe(a.id);
    // The same code in A again is taken too (one link per code).
    expect(await outcome(as(a).links.create({ name: "Again", code, destination: { kind: "url", url: "https://example.com/" } }))).toBe("CONFLICT");
    expect(await outcome(as(a).links.create({ name: "Reserved", code: "admin", destination: { kind: "url", url: "https://example.com/" } }))).toBe("BAD_REQUEST");
    expect(await outcome(as(a).links.create({ name: "Bad", code: "has space", destination: { kind: "url", url: "https://example.com/" } }))).toBe("BAD_REQUEST");
  });

  it("retries a generated code that another organization holds", async () => {
    const taken = (await as(b).links.create({ name: "B's", destination: { kind: "url", url: "https://example.com/" } })).code;
    const fresh = `Zz${Date.now().toString(36)}`;
    const codes = [taken, taken, fresh];
    const got = await withOrg(a.id, (db) => claimLinkCode(db, "00000000-0000-4000-8000-000000000001", undefined, () => codes.shift() ?? "never"));
    expect(got).toBe(fresh);
    expect((await systemDb().linkCode.findUniqueOrThrow({ where: { code: taken } })).organizationId).toBe(b.id);
    // Always taken: a CONFLICT after the attempts, never a code of somebody else.
    const always = withOrg(a.id, (db) => claimLinkCode(db, "00000000-0000-4000-8000-000000000002", undefined, () => taken));
    await expect(always).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses destinations that are not https (javascript:, data:, http:, credentials) and pages of another organization", async () => {
    for (const url of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>x</script>", "http://example.com/", "https://user:pw@example.com/", "//evil.example/", "/p/other/page", "ftp://example.com/"]) {
      expect(await outcome(as(a).links.create({ name: "x", destination: { kind: "url", url } })), url).toBe("BAD_REQUEST");
    }
    expect(await outcome(as(a).links.create({ name: "x", destination: { kind: "page", pageId: await freshPage(b) } }))).toBe("NOT_FOUND");
    expect(await outcome(as(a).links.create({ name: "x", destination: { kind: "url", url: "https://example.com/" }, campaignId: await freshCampaign(b) }))).toBe("NOT_FOUND");
  });

  it("points at one of the organization's pages, tied to a campaign", async () => {
    const pageId = await freshPage(a);
    const page = await systemDb().landingPage.findFirstOrThrow({ where: { organizationId: a.id, id: pageId } });
    const campaignId = await freshCampaign(a);
    const link = await as(a).links.create({ name: "Page", destination: { kind: "page", pageId }, utm: { campaign: "spring" }, campaignId });
    expect(link.destination).toEqual({ kind: "page", pageId });
    expect(link.finalUrl).toMatch(new RegExp(`/p/${a.slug}/${page.slug}\\?utm_campaign=spring$`));
    expect(link.campaign?.id).toBe(campaignId);
  });

  it("is for link editors: viewers and analysts read, content editors build", async () => {
    const input = { name: "Role", destination: { kind: "url" as const, url: "https://example.com/" } };
    expect(await outcome(as(a, "VIEWER").links.create(input))).toBe("FORBIDDEN");
    expect(await outcome(as(a, "ANALYST").links.create(input))).toBe("FORBIDDEN");
    expect(await outcome(as(a, "CONTENT_EDITOR").links.create(input))).toBe("OK");
    expect(await outcome(as(a, "VIEWER").links.list({}))).toBe("OK");
  });
});

describe("links.update / archive / list", () => {
  it("changes name, destination, UTM and campaign but never the code", async () => {
    const link = await as(a).links.create({ name: "Before", destination: { kind: "url", url: "https://example.com/a" }, utm: { source: "x" } });
    const updated = await as(a).links.update({ linkId: link.id, name: "After", destination: { kind: "url", url: "https://example.com/b" }, utm: { medium: "qr" } });
    expect(updated).toMatchObject({ code: link.code, name: "After", destination: { kind: "url", url: "https://example.com/b" }, utm: { medium: "qr" } });
    expect((updated as Record<string, unknown>).code).toBe(link.code);
    // A code in the input is not part of the schema: it is ignored, never applied.
    await as(a).links.update({ linkId: link.id, code: "changed" } as never);
    expect((await systemDb().trackedLink.findFirstOrThrow({ where: { organizationId: a.id, id: link.id } })).code).toBe(link.code);
    expect(await outcome(as(a).links.update({ linkId: link.id, destination: { kind: "url", url: "javascript:alert(1)" } }))).toBe("BAD_REQUEST");
  });

  it("archives (hidden from the list by default) and restores", async () => {
    const link = await as(a).links.create({ name: "Archivable", destination: { kind: "url", url: "https://example.com/" } });
    const archived = await as(a).links.archive({ linkId: link.id, archived: true });
    expect(archived.archivedAt).not.toBeNull();
    const ids = async (includeArchived: boolean) => (await as(a).links.list({ includeArchived, limit: 100 })).items.map((l) => l.id);
    expect(await ids(false)).not.toContain(link.id);
    expect(await ids(true)).toContain(link.id);
    expect((await as(a).links.archive({ linkId: link.id, archived: false })).archivedAt).toBeNull();
    expect(await ids(false)).toContain(link.id);
  });

  it("pages with a cursor (newest first, every link once) and searches by name or code", async () => {
    const t = await createTenant("links-paging");
    try {
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await as(t).links.create({ name: `Paged ${i}`, destination: { kind: "url", url: "https://example.com/" } })).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await as(t).links.list({ limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...made].reverse());
      const found = await as(t).links.list({ search: "paged 3" });
      expect(found.items.map((l) => l.name)).toEqual(["Paged 3"]);
      expect(found.items[0]).toMatchObject({ visits: 0, uniqueVisitors: 0, leads: 0, conversionRate: null });
    } finally {
      await deleteTenant(t);
    }
  });

  it("options list the organization's pages and campaigns only", async () => {
    const mine = await freshPage(a);
    const theirs = await freshPage(b);
    const options = await as(a).links.options();
    expect(options.pages.map((p) => p.id)).toContain(mine);
    expect(options.pages.map((p) => p.id)).not.toContain(theirs);
    expect(options.shortUrlBase).toMatch(/\/r\/$/);
    expect(options.qrSizes.map((s) => s.key)).toContain("5cm");
  });
});
