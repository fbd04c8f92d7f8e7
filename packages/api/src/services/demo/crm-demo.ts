import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { seedCrmDeals } from "./crm-demo-deals";
import { seedCrmRecords } from "./crm-demo-records";
import { seedCrmSegments } from "./crm-demo-segments";
import { seedScoringDemo } from "./scoring-demo";

const ORG_SLUG = "northwind-bakery";

/**
 * The CRM's demo data for Northwind: contacts and companies (with custom fields, consents and
 * timelines), then two pipelines with deals in every stage and tasks, then segments and lists. Written through the tenant
 * client inside Northwind's RLS transaction, as the product writes it. Idempotent: a second run
 * finds the records and adds nothing.
 */
export async function seedCrmDemo(options: { organizationSlug?: string; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? console.log;
  const slug = options.organizationSlug ?? ORG_SLUG;
  const org = await systemDb().organization.findUnique({ where: { slug }, select: { id: true, country: true, timezone: true, parentId: true } });
  if (!org) return log(`crm demo: no ${slug} organization (run the base seed first)`);
  // Owners and assignees: the client's own members, then the agency's (inherited access).
  const memberships = await systemDb().membership.findMany({
    where: { organizationId: { in: [org.id, ...(org.parentId ? [org.parentId] : [])] } },
    orderBy: [{ createdAt: "asc" }],
    select: { userId: true },
  });
  const memberUserIds = [...new Set(memberships.map((m) => m.userId))];
  await withOrg(
    org.id,
    async (db) => {
      const { contactIds, companyIds } = await seedCrmRecords(db, { id: org.id, country: org.country }, memberUserIds);
      await seedCrmDeals(db, { id: org.id, timezone: org.timezone }, { contactIds, companyIds, memberUserIds });
      await seedCrmSegments(db, { id: org.id });
      log(`crm demo: ${contactIds.length} contacts, ${companyIds.length} companies, pipelines, deals and tasks in ${slug}`);
    },
    { timeout: 120_000 },
  );
  // Lead scoring on top of the CRM demo (its own transaction: every contact goes through the engine).
  const scoring = await withOrg(org.id, (db) => seedScoringDemo(db, { id: org.id }), { timeout: 300_000 });
  log(`scoring demo: ${scoring.contacts} contacts scored, ${scoring.entries} ledger entries, model ${scoring.model}`);
}
