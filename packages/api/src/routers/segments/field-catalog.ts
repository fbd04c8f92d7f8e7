import { can } from "../../rbac";
import { crmProcedure } from "../../trpc/crm";
import { assignableMembers } from "../../services/crm/segments/members";

/**
 * What the builder's pickers offer: the contact custom fields (with their type and options), the
 * members who can own contacts, the lists, and — for roles that may read deals — the pipelines
 * with their stages. (The records area's crmSettings will hold the field list for every screen;
 * this is the segment builder's own small read until then.)
 */
export const fieldCatalog = crmProcedure("contacts.read").query(async ({ ctx }) => {
  // One after the other: the statements share the procedure's transaction (one connection).
  const customFields = await ctx.db.customFieldDefinition.findMany({
      where: { object: "CONTACT", archivedAt: null },
      orderBy: [{ position: "asc" }, { label: "asc" }],
      select: { id: true, key: true, label: true, type: true, options: true, currency: true },
  });
  const owners = await assignableMembers(ctx.db, ctx.org.parentId);
  const lists = await ctx.db.contactList.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 });
  const pipelines = can(ctx.role, "deals.read")
    ? await ctx.db.pipeline.findMany({
        where: { archivedAt: null },
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: { id: true, name: true, stages: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, name: true, kind: true } } },
      })
    : [];
  return {
    customFields: customFields.map((f) => ({ ...f, options: parseOptions(f.options) })),
    owners,
    lists,
    pipelines,
  };
});

function parseOptions(raw: unknown): { id: string; label: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((o: unknown) => {
    if (typeof o !== "object" || o === null) return [];
    const { id, label } = o as { id?: unknown; label?: unknown };
    return typeof id === "string" ? [{ id, label: typeof label === "string" ? label : id }] : [];
  });
}
