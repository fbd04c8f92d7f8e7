import { createHash, randomUUID } from "node:crypto";
import { Prisma, withOrg, type TenantDb } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { claimLinkCode, compactUtm, pagePath, siteOrigin } from "../lead-capture/links";
import { hourOf } from "../lead-capture/visits";

const ORG_SLUG = "northwind-bakery";
const DAY = 86_400_000;

/** A vanity code from the organization's slug ("northwind-bakery-window"), at most 40 characters. */
function codeFor(slug: string, suffix: string): string {
  return `${slug.slice(0, 39 - suffix.length)}-${suffix}`.replace(/[^A-Za-z0-9]+$/, "");
}

/** A deterministic pseudo-random number in [0, 1) (the demo looks the same on every machine). */
function noise(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Northwind's tracked links: a QR code on the shop window poster (to a landing page when there is
 * one), the Instagram bio link and the spring newsletter's link in the campaign — with two weeks
 * of visits (QR scans, clicks) and a few contacts that came through them. Written through the
 * tenant client; idempotent (a link that exists is left alone).
 */
export async function seedLinksDemo(db: TenantDb, org: { id: string; slug: string }, now: Date = new Date()): Promise<{ linkIds: string[]; visits: number }> {
  const page = await db.landingPage.findFirst({ where: { deletedAt: null }, orderBy: [{ createdAt: "asc" }], select: { id: true, slug: true } });
  const campaign = await db.campaign.findFirst({ where: { archivedAt: null }, orderBy: [{ startsOn: "desc" }], select: { id: true, name: true } });
  const specs = [
    {
      suffix: "window",
      name: "Shop window poster (QR)",
      utm: { source: "shop-window", medium: "qr", campaign: "window-poster" },
      destination: page ? { pageId: page.id, destinationUrl: null } : { pageId: null, destinationUrl: "https://northwind-bakery.example/order" },
      qrShare: 0.85,
      perDay: 9,
    },
    { suffix: "insta", name: "Instagram bio", utm: { source: "instagram", medium: "social" }, destination: { pageId: null, destinationUrl: "https://northwind-bakery.example/menu" }, qrShare: 0, perDay: 6 },
    {
      suffix: "spring",
      name: "Spring newsletter",
      utm: { source: "newsletter", medium: "email", campaign: campaign ? campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, "-") : "spring" },
      destination: { pageId: null, destinationUrl: "https://northwind-bakery.example/spring" },
      qrShare: 0,
      perDay: 4,
      campaignId: campaign?.id ?? null,
    },
  ];
  const linkIds: string[] = [];
  let visits = 0;
  for (const spec of specs) {
    const code = codeFor(org.slug, spec.suffix);
    const existing = await db.trackedLink.findFirst({ where: { code }, select: { id: true } });
    if (existing) {
      linkIds.push(existing.id);
      continue;
    }
    const id = randomUUID();
    await claimLinkCode(db, id, code);
    await db.trackedLink.create({
      data: { id, organizationId: org.id, code, name: spec.name, ...spec.destination, utm: compactUtm(spec.utm), campaignId: "campaignId" in spec ? spec.campaignId : null, createdAt: new Date(now.getTime() - 15 * DAY) },
    });
    linkIds.push(id);
    const landing = spec.destination.pageId && page ? `${siteOrigin()}${pagePath(org.slug, page.slug)}` : (spec.destination.destinationUrl ?? "");
    const rows = [];
    for (let day = 13; day >= 0; day--) {
      const count = Math.round(spec.perDay * (0.5 + noise(`${code}:${day}`)));
      for (let n = 0; n < count; n++) {
        const at = new Date(now.getTime() - day * DAY - Math.floor(noise(`${code}:${day}:${n}:t`) * 10 * 3_600_000));
        if (at > now) continue;
        const qr = noise(`${code}:${day}:${n}:qr`) < spec.qrShare;
        rows.push({
          organizationId: org.id,
          kind: qr ? ("QR" as const) : ("LINK" as const),
          targetKey: `link:${id}`,
          linkId: id,
          pageId: spec.destination.pageId,
          // Demo visitors are made up: their keys are hashes of a made-up visitor, like real ones of IP and browser.
          visitorKey: createHash("sha256").update(`demo:${code}:${day}:${n}`).digest("hex"),
          visitorId: noise(`${code}:${day}:${n}:vid`) < 0.4 ? `demo${createHash("sha256").update(`${code}:${n % 17}`).digest("base64url").slice(0, 18)}` : null,
          hour: hourOf(at),
          country: noise(`${code}:${day}:${n}:c`) < 0.8 ? "GB" : "IE",
          referrer: qr ? null : spec.suffix === "insta" ? "https://www.instagram.com/" : null,
          utm: compactUtm(spec.utm),
          landingUrl: landing,
          occurredAt: at,
        });
      }
    }
    const { count } = await db.visit.createMany({ data: rows, skipDuplicates: true });
    visits += count;
    // A few contacts first came through the link (what the form intake records as first touch).
    const contacts = await db.contact.findMany({ where: { firstTouch: { equals: Prisma.AnyNull }, deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: spec.suffix === "window" ? 6 : 3, select: { id: true } });
    for (const [i, contact] of contacts.entries()) {
      const at = new Date(now.getTime() - (12 - i) * DAY).toISOString();
      await db.contact.update({
        where: { organizationId_id: { organizationId: org.id, id: contact.id } },
        data: {
          firstTouch: {
            at,
            via: spec.qrShare > 0.5 ? "qr" : "link",
            linkId: id,
            ...(spec.utm.source ? { utmSource: spec.utm.source } : {}),
            ...(spec.utm.medium ? { utmMedium: spec.utm.medium } : {}),
            ...(spec.utm.campaign ? { utmCampaign: spec.utm.campaign } : {}),
            landingPage: landing,
          },
        },
      });
    }
  }
  return { linkIds, visits };
}

/** `pnpm db:seed`: Northwind's links (after the CRM demo, so some contacts carry a link as first touch). */
export async function seedLinksDemoFor(options: { organizationSlug?: string; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? console.log;
  const slug = options.organizationSlug ?? ORG_SLUG;
  const org = await systemDb().organization.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!org) return log(`links demo: no ${slug} organization (run the base seed first)`);
  const { linkIds, visits } = await withOrg(org.id, (db) => seedLinksDemo(db, org), { timeout: 60_000 });
  log(`links demo: ${linkIds.length} tracked links with ${visits} visits in ${slug}`);
}
