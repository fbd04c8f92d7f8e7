import type { TenantDb } from "@mg/db";
import { segmentFilter, type SegmentFilterInput } from "../../schemas/crm/segment";
import { addMembers, snapshotIntoList } from "../crm/segments/lists";
import { pageSegment } from "../crm/segments/queries";

/**
 * Northwind's segments and lists, built on the records demo (its custom fields "Annual spend" and
 * "Wholesale account", the newsletter consent, tags, deals). Written through the tenant client
 * with the same functions the procedures use; idempotent: a second run finds segments and stops.
 * Call after seedCrmRecords and seedCrmDeals, inside the organization's withOrg transaction.
 */
export async function seedCrmSegments(db: TenantDb, org: { id: string }): Promise<{ segments: number; lists: number }> {
  if ((await db.segment.count()) > 0) return { segments: 0, lists: 0 };
  const fields = await db.customFieldDefinition.findMany({ where: { object: "CONTACT", key: { in: ["annual_spend", "wholesale_account"] } }, select: { id: true, key: true } });
  const spend = fields.find((f) => f.key === "annual_spend")?.id;
  const wholesale = fields.find((f) => f.key === "wholesale_account")?.id;
  const definitions: { name: string; description: string; filter: SegmentFilterInput }[] = [
    { name: "Customers", description: "Everyone who has bought from us.", filter: { match: "all", conditions: [{ kind: "lifecycle", op: "in", values: ["CUSTOMER"] }] } },
    {
      name: "Newsletter readers",
      description: "Email consent for the newsletter, as the latest record says.",
      filter: { match: "all", conditions: [{ kind: "consent", channel: "EMAIL", purpose: "newsletter", state: "granted" }] },
    },
    {
      name: "Warm leads with an open deal",
      description: "Qualified leads (marketing or sales) who have a deal in progress.",
      filter: {
        match: "all",
        conditions: [
          { kind: "lifecycle", op: "in", values: ["MARKETING_QUALIFIED", "SALES_QUALIFIED", "OPPORTUNITY"] },
          { kind: "deal", has: true, status: "open" },
        ],
      },
    },
  ];
  if (spend && wholesale) {
    definitions.push({
      name: "Big wholesale accounts",
      description: "Wholesale accounts, or anyone spending over £2,000 a year.",
      filter: {
        match: "any",
        conditions: [
          { kind: "custom", type: "boolean", fieldId: wholesale, op: "is_true" },
          { kind: "custom", type: "number", fieldId: spend, op: "gt", value: 200_000 },
        ],
      },
    });
  }
  const everyone = { ownOnly: false, userId: "00000000-0000-4000-8000-000000000000" };
  const saved: { id: string; name: string; filter: ReturnType<typeof segmentFilter.parse> }[] = [];
  for (const d of definitions) {
    const filter = segmentFilter.parse(d.filter);
    const segment = await db.segment.create({ data: { organizationId: org.id, name: d.name, description: d.description, filter }, select: { id: true, name: true } });
    saved.push({ ...segment, filter });
  }
  // A list frozen from a segment, and one picked by hand (the newest contacts, as at a stand).
  const customers = saved[0];
  let lists = 0;
  if (customers) {
    const list = await db.contactList.create({ data: { organizationId: org.id, name: "Customers at the spring launch", description: `Snapshot of the segment "${customers.name}"` }, select: { id: true } });
    await snapshotIntoList(db, everyone, list.id, customers.filter);
    lists++;
  }
  const newest = await pageSegment(db, everyone, segmentFilter.parse({ match: "all", conditions: [] }), { limit: 25 });
  if (newest.items.length > 0) {
    const list = await db.contactList.create({ data: { organizationId: org.id, name: "Food fair sign-ups", description: "Met at the town food fair." }, select: { id: true } });
    await addMembers(
      db,
      everyone,
      list.id,
      newest.items.map((m) => m.id),
    );
    lists++;
  }
  return { segments: saved.length, lists };
}
