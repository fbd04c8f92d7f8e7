import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { freshCampaign } from "../procedure-cases/social";
import { freshLink, freshPage } from "../procedure-cases/links";
import { touchesForVisitor } from "../../src/services/lead-capture/attribution";
import { recordVisit } from "../../src/services/lead-capture/visits";
import { utmCampaignKeys } from "../../src/services/lead-capture/campaign-leads";

/** First and last touch from recorded visits; leads per link and per campaign; link stats. */
const UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant("attribution");
  other = await createTenant("attribution-other");
});
afterAll(async () => {
  await deleteTenant(t);
  await deleteTenant(other);
});

const at = (iso: string) => new Date(iso);

describe("touchesForVisitor", () => {
  it("folds a QR scan with the landing page it led to (first touch), and takes the latest visit as last touch", async () => {
    const pageId = await freshPage(t);
    const link = await freshLink(t, { pageId, utm: { source: "window", medium: "qr", campaign: "spring" } });
    const vid = "visitor-aaaaaaaaaaaaaaaa";
    await withOrg(t.id, async (db) => {
      await recordVisit(db, { kind: "QR", linkId: link.id, pageId, ip: "192.0.2.1", userAgent: UA, visitorId: vid, utm: { source: "window", medium: "qr", campaign: "spring" }, landingUrl: "https://go.example/p/x/y?utm_source=window", at: at("2026-11-01T10:00:00Z") });
      await recordVisit(db, { kind: "PAGE", pageId, ip: "192.0.2.1", userAgent: UA, visitorId: vid, utm: { source: "window", medium: "qr", campaign: "spring" }, landingUrl: "https://go.example/p/x/y?utm_source=window&utm_medium=qr", at: at("2026-11-01T10:00:02Z") });
      await recordVisit(db, { kind: "PAGE", pageId, ip: "192.0.2.9", userAgent: UA, visitorId: vid, referrer: "https://www.google.com/", landingUrl: "https://go.example/p/x/y", at: at("2026-11-05T09:00:00Z") });
    });
    const touches = await withOrg(t.id, (db) => touchesForVisitor(db, vid));
    expect(touches.first).toEqual({
      at: "2026-11-01T10:00:00.000Z",
      via: "qr",
      linkId: link.id,
      utmSource: "window",
      utmMedium: "qr",
      utmCampaign: "spring",
      landingPage: "https://go.example/p/x/y?utm_source=window&utm_medium=qr",
    });
    expect(touches.last).toEqual({ at: "2026-11-05T09:00:00.000Z", via: "page", referrer: "https://www.google.com/", landingPage: "https://go.example/p/x/y" });
    // Another organization knows nothing of this visitor; no id, nothing.
    expect(await withOrg(other.id, (db) => touchesForVisitor(db, vid))).toEqual({ first: null, last: null });
    expect(await withOrg(t.id, (db) => touchesForVisitor(db, null))).toEqual({ first: null, last: null });
  });

  it("a single visit is both first and last; a link visit as the latest is folded with its page visit", async () => {
    const pageId = await freshPage(t);
    const link = await freshLink(t, { pageId });
    const vid = "visitor-bbbbbbbbbbbbbbbb";
    await withOrg(t.id, (db) => recordVisit(db, { kind: "LINK", linkId: link.id, pageId, ip: "192.0.2.2", userAgent: UA, visitorId: vid, at: at("2026-11-02T08:00:00Z") }));
    const one = await withOrg(t.id, (db) => touchesForVisitor(db, vid));
    expect(one.first).toEqual(one.last);
    expect(one.first).toMatchObject({ via: "link", linkId: link.id });
    await withOrg(t.id, (db) => recordVisit(db, { kind: "PAGE", pageId, ip: "192.0.2.2", userAgent: UA, visitorId: vid, landingUrl: "https://go.example/p/a/b", at: at("2026-11-02T08:00:05Z") }));
    const two = await withOrg(t.id, (db) => touchesForVisitor(db, vid));
    expect(two.last).toMatchObject({ via: "link", linkId: link.id, landingPage: "https://go.example/p/a/b", at: "2026-11-02T08:00:00.000Z" });
  });
});

describe("attributionForSubmission", () => {
  it("reads the cookie only where the organization's consent rule allows, then the touches", async () => {
    const { attributionForSubmission } = await import("../../src/services/lead-capture/attribution");
    const vid = "visitor-cccccccccccccccc";
    await withOrg(t.id, (db) => recordVisit(db, { kind: "PAGE", pageId: "00000000-0000-4000-8000-0000000000aa", ip: "192.0.2.3", userAgent: UA, visitorId: vid, landingUrl: "https://go.example/p/t/x" }));
    // The fixture organization has no country and no setting: consent needed, none given.
    expect(await withOrg(t.id, (db) => attributionForSubmission(db, { country: null }, `mg_vid=${vid}`))).toEqual({ visitorId: null, first: null, last: null });
    const got = await withOrg(t.id, (db) => attributionForSubmission(db, { country: null }, `mg_vid=${vid}; mg_vc=a:${t.id}`));
    expect(got.visitorId).toBe(vid);
    expect(got.first).toMatchObject({ via: "page", landingPage: "https://go.example/p/t/x" });
    expect(await withOrg(t.id, (db) => attributionForSubmission(db, { country: "US" }, `mg_vid=${vid}`))).toMatchObject({ visitorId: vid });
  });
});

describe("leads per link, link stats and campaign leads", () => {
  it("counts visits, unique visitors, QR vs link per day, and leads (contacts whose first or last touch names the link) with a conversion rate", async () => {
    const campaignId = await freshCampaign(t);
    const campaign = await systemDb().campaign.findFirstOrThrow({ where: { organizationId: t.id, id: campaignId } });
    const link = await freshLink(t, { campaignId, utm: { campaign: "shop-window" } });
    const now = new Date();
    await withOrg(t.id, async (db) => {
      await recordVisit(db, { kind: "QR", linkId: link.id, ip: "192.0.2.31", userAgent: UA, visitorId: "v-111111111111111111", at: now });
      await recordVisit(db, { kind: "QR", linkId: link.id, ip: "192.0.2.32", userAgent: UA, at: now });
      await recordVisit(db, { kind: "LINK", linkId: link.id, ip: "192.0.2.33", userAgent: UA, at: new Date(now.getTime() - 86_400_000) });
      // A duplicate within the hour and a bot: neither counts.
      await recordVisit(db, { kind: "QR", linkId: link.id, ip: "192.0.2.32", userAgent: UA, at: now });
      await recordVisit(db, { kind: "QR", linkId: link.id, ip: "192.0.2.34", userAgent: "curl/8.0", at: now });
    });
    const touch = (via: string, extra: Record<string, unknown> = {}) => ({ at: now.toISOString(), via, linkId: link.id, ...extra });
    await systemDb().contact.createMany({
      data: [
        { organizationId: t.id, firstName: "First", primaryEmail: "first@example.com", firstTouch: touch("qr"), lastTouch: { at: now.toISOString(), via: "page" } },
        { organizationId: t.id, firstName: "Last", lifecycleStage: "CUSTOMER", firstTouch: { at: now.toISOString(), via: "page" }, lastTouch: touch("link") },
        { organizationId: t.id, firstName: "Utm", firstTouch: { at: now.toISOString(), via: "page", utmCampaign: campaign.name.toUpperCase() } },
        { organizationId: t.id, firstName: "Deleted", firstTouch: touch("qr"), deletedAt: now },
        { organizationId: t.id, firstName: "Unrelated", firstTouch: { at: now.toISOString(), via: "page", utmCampaign: "other" } },
      ],
    });
    const caller = callerFor(t.users.ANALYST, t.slug);
    const { link: presented, stats } = await caller.links.get({ linkId: link.id, days: 7 });
    expect(presented.id).toBe(link.id);
    expect(stats.series).toHaveLength(7);
    expect(stats.series.at(-1)).toMatchObject({ day: now.toISOString().slice(0, 10), qr: 2, link: 0, uniqueVisitors: 2 });
    expect(stats.series.at(-2)).toMatchObject({ link: 1, qr: 0 });
    expect(stats).toMatchObject({ visits: 3, uniqueVisitors: 3, split: { link: 1, qr: 2 }, leads: 2 });
    expect(stats.conversionRate).toBeCloseTo(2 / 3);
    const listed = (await caller.links.list({ limit: 100 })).items.find((l) => l.id === link.id);
    expect(listed).toMatchObject({ visits: 3, uniqueVisitors: 3, leads: 2 });

    // The campaign: contacts through its link, and by its UTM campaign (its name, any case).
    const leads = await caller.campaigns.leads({ campaignId });
    expect(leads.contacts).toBe(3);
    expect(leads.customers).toBe(1);
    expect(leads.viaQr).toBe(1);
    expect(leads.recent.map((c) => c.name).sort()).toEqual(["First", "Last", "Utm"]);
    expect(leads.recent.find((c) => c.name === "Last")?.touch).toBe("last");
    expect(await outcome(callerFor(t.users.OWNER, t.slug).campaigns.leads({ campaignId: await freshCampaign(other) }))).toBe("NOT_FOUND");
  });

  it("applies own-records-only to a campaign's contacts", async () => {
    const campaignId = await freshCampaign(t);
    const campaign = await systemDb().campaign.findFirstOrThrow({ where: { organizationId: t.id, id: campaignId } });
    await systemDb().contact.create({ data: { organizationId: t.id, firstName: "Owned elsewhere", ownerUserId: t.users.OWNER.id, firstTouch: { at: new Date().toISOString(), utmCampaign: campaign.name } } });
    await systemDb().crmSettings.upsert({ where: { organizationId: t.id }, create: { organizationId: t.id, ownRecordsOnly: true }, update: { ownRecordsOnly: true } });
    try {
      expect((await callerFor(t.users.VIEWER, t.slug).campaigns.leads({ campaignId })).contacts).toBe(0);
      expect((await callerFor(t.users.ADMIN, t.slug).campaigns.leads({ campaignId })).contacts).toBe(1);
    } finally {
      await systemDb().crmSettings.update({ where: { organizationId: t.id }, data: { ownRecordsOnly: false } });
    }
  });

  it("reads a campaign name in its utm spellings", () => {
    expect(utmCampaignKeys("Spring Sale 2026")).toEqual(expect.arrayContaining(["spring sale 2026", "spring-sale-2026", "spring_sale_2026", "springsale2026"]));
  });
});

describe("the links demo", () => {
  it("makes three links (one QR-heavy), two weeks of visits and contacts that came through them, once", async () => {
    const { seedLinksDemo } = await import("../../src/services/demo/links-demo");
    const demo = await createTenant("links-demo");
    try {
      await systemDb().contact.createMany({ data: Array.from({ length: 15 }, (_, i) => ({ organizationId: demo.id, firstName: `Demo ${i}` })) });
      const first = await withOrg(demo.id, (db) => seedLinksDemo(db, demo), { timeout: 60_000 });
      expect(first.linkIds).toHaveLength(3);
      expect(first.visits).toBeGreaterThan(100);
      const again = await withOrg(demo.id, (db) => seedLinksDemo(db, demo), { timeout: 60_000 });
      expect(again).toEqual({ linkIds: first.linkIds, visits: 0 });
      const list = await callerFor(demo.users.VIEWER, demo.slug).links.list({});
      expect(list.items).toHaveLength(3);
      const poster = list.items.find((l) => l.code.endsWith("-window"));
      expect(poster?.leads).toBe(6);
      const stats = await callerFor(demo.users.VIEWER, demo.slug).links.get({ linkId: poster?.id ?? "", days: 14 });
      expect(stats.stats.split.qr).toBeGreaterThan(stats.stats.split.link);
    } finally {
      await deleteTenant(demo);
    }
  });
});
