import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { ProcedureCase } from "../procedure-cases";
import type { Tenant } from "../fixtures";
import { freshCampaign } from "./social";

/** A landing page of the tenant (published), made through the system path. */
export async function freshPage(tenant: Tenant | { id: string }): Promise<string> {
  const page = await systemDb().landingPage.create({
    data: { organizationId: tenant.id, name: `Page ${randomUUID().slice(0, 6)}`, slug: `page-${randomUUID().slice(0, 8)}`, status: "PUBLISHED", publishedAt: new Date() },
  });
  return page.id;
}

/** A tracked link with its code claimed in the routing table, as `links.create` leaves it. */
export async function freshLink(tenant: Tenant | { id: string }, options: { pageId?: string; url?: string; campaignId?: string; archived?: boolean; utm?: Record<string, string> } = {}): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = `t${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await systemDb().linkCode.create({ data: { code, organizationId: tenant.id, linkId: id } });
  await systemDb().trackedLink.create({
    data: {
      id,
      organizationId: tenant.id,
      code,
      name: `Link ${code}`,
      pageId: options.pageId ?? null,
      destinationUrl: options.pageId ? null : (options.url ?? "https://example.com/offer?ref=poster"),
      utm: options.utm ?? { source: "poster", medium: "print" },
      campaignId: options.campaignId ?? null,
      archivedAt: options.archived ? new Date() : null,
    },
  });
  return { id, code };
}

const linkId = async (t: Tenant) => (await freshLink(t)).id;

export const LINK_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "links.list": {
    valid: () => ({}),
    foreign: async (_self, other) => ({ campaignId: await freshCampaign(other) }),
    foreignAlso: { cursor: async (_self, other) => ({ cursor: await linkId(other) }) },
    foreignAnswer: { kind: "as-unknown-id", reason: "A filter and a cursor: another organization's campaign or link matches nothing here, like an id that exists nowhere (an empty page)." },
  },
  "links.get": { valid: async (t) => ({ linkId: await linkId(t) }), foreign: async (_self, other) => ({ linkId: await linkId(other) }) },
  "links.qr": { valid: async (t) => ({ linkId: await linkId(t), size: "2cm" }), foreign: async (_self, other) => ({ linkId: await linkId(other), size: "2cm" }) },
  "links.options": { valid: () => undefined },
  "links.create": {
    valid: () => ({ name: "Poster", destination: { kind: "url", url: "https://example.com/" }, utm: { source: "poster" } }),
    foreign: async (_self, other) => ({ name: "Poster", destination: { kind: "page", pageId: await freshPage(other) } }),
    foreignAlso: { campaignId: async (_self, other) => ({ name: "Poster", destination: { kind: "url", url: "https://example.com/" }, campaignId: await freshCampaign(other) }) },
  },
  "links.update": {
    valid: async (t) => ({ linkId: await linkId(t), name: "Renamed" }),
    foreign: async (_self, other) => ({ linkId: await linkId(other), name: "Renamed" }),
    foreignAlso: {
      destination: async (self, other) => ({ linkId: await linkId(self), destination: { kind: "page", pageId: await freshPage(other) } }),
      campaignId: async (self, other) => ({ linkId: await linkId(self), campaignId: await freshCampaign(other) }),
    },
  },
  "links.archive": { valid: async (t) => ({ linkId: await linkId(t), archived: true }), foreign: async (_self, other) => ({ linkId: await linkId(other), archived: true }) },
  "campaigns.leads": { valid: async (t) => ({ campaignId: await freshCampaign(t) }), foreign: async (_self, other) => ({ campaignId: await freshCampaign(other) }) },
};
