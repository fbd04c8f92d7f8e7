import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import { PAGE_TEMPLATES } from "@mg/pages/data";
import type { Tenant } from "../fixtures";
import type { ProcedureCase } from "../procedure-cases";
import { futureLocalTime } from "../social-fixtures";

/** Landing pages, made through the system path. */
type Org = Tenant | { id: string };

export async function freshPage(tenant: Org, data: { deleted?: boolean; published?: boolean } = {}): Promise<{ id: string; versionId: string | null }> {
  const tag = randomUUID().slice(0, 8);
  const template = PAGE_TEMPLATES[0]!;
  const page = await systemDb().landingPage.create({
    data: { organizationId: tenant.id, name: `Page ${tag}`, slug: `page-${tag}`, draft: template.content, seo: template.seo, thankYou: { kind: "message", message: "Thanks" }, ...(data.deleted ? { deletedAt: new Date() } : {}) },
  });
  if (!data.published) return { id: page.id, versionId: null };
  const version = await systemDb().landingPageVersion.create({ data: { organizationId: tenant.id, pageId: page.id, number: 1, content: template.content, seo: template.seo, thankYou: { kind: "message", message: "Thanks" } } });
  await systemDb().landingPage.update({ where: { organizationId_id: { organizationId: tenant.id, id: page.id } }, data: { status: "PUBLISHED", publishedVersionId: version.id, publishedAt: new Date() } });
  return { id: page.id, versionId: version.id };
}

const pageId = async (t: Org) => ({ pageId: (await freshPage(t)).id });
const foreignPage = async (_self: Tenant, other: Tenant) => ({ pageId: (await freshPage(other)).id });

export const PAGES_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "pages.list": { valid: () => ({}) },
  "pages.get": { valid: pageId, foreign: foreignPage },
  "pages.templates": { valid: () => undefined },
  "pages.versions": { valid: async (t) => ({ pageId: (await freshPage(t, { published: true })).id }), foreign: foreignPage },
  "pages.create": { valid: () => ({ name: `Spring offer ${randomUUID().slice(0, 6)}`, templateKey: "bakery" }) },
  "pages.saveDraft": {
    valid: async (t) => ({ pageId: (await freshPage(t)).id, draftRevision: 0, content: PAGE_TEMPLATES[1]!.content }),
    foreign: async (_self, other) => ({ pageId: (await freshPage(other)).id, draftRevision: 0, content: PAGE_TEMPLATES[1]!.content }),
  },
  "pages.updateSettings": {
    valid: async (t) => ({ ...(await pageId(t)), name: "Renamed", slug: `renamed-${randomUUID().slice(0, 8)}`, seo: { title: "T", description: "D", socialImageUrl: "", noindex: true }, thankYou: { kind: "message", message: "Thanks!" } }),
    foreign: async (self, other) => ({ ...(await foreignPage(self, other)), name: "Renamed", slug: `renamed-${randomUUID().slice(0, 8)}`, seo: { title: "T", description: "", socialImageUrl: "", noindex: false }, thankYou: { kind: "url", url: "https://example.com/thanks" } }),
  },
  "pages.duplicate": { valid: pageId, foreign: foreignPage },
  "pages.delete": { valid: pageId, foreign: foreignPage },
  "pages.restore": {
    valid: async (t) => ({ pageId: (await freshPage(t, { deleted: true })).id }),
    foreign: async (_self, other) => ({ pageId: (await freshPage(other, { deleted: true })).id }),
  },
  "pages.publish": { valid: pageId, foreign: foreignPage },
  "pages.unpublish": { valid: async (t) => ({ pageId: (await freshPage(t, { published: true })).id }), foreign: async (_s, other) => ({ pageId: (await freshPage(other, { published: true })).id }) },
  "pages.schedule": {
    valid: async (t) => ({ ...(await pageId(t)), publishAt: { localTime: futureLocalTime(3) }, unpublishAt: { localTime: futureLocalTime(10) } }),
    foreign: async (self, other) => ({ ...(await foreignPage(self, other)), publishAt: { localTime: futureLocalTime(3) } }),
  },
  "pages.rollback": {
    valid: async (t) => {
      const page = await freshPage(t, { published: true });
      return { pageId: page.id, versionId: page.versionId };
    },
    foreign: async (_self, other) => {
      const page = await freshPage(other, { published: true });
      return { pageId: page.id, versionId: page.versionId };
    },
  },
  "organization.updateBranding": { valid: () => ({ primaryColor: "#7c2d12", accentColor: "#0f766e", fontFamily: "serif", logoUrl: "https://cdn.example.com/logo.png", productName: "Crumbs" }) },
};
