import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";
import { buildSegmentWorld, type SegmentWorld } from "./segment-world";

// The segments and contactLists procedures end to end: what the builder and the lists page call,
// as the roles call them, with RLS, record visibility and audit in the path.

let tenant: Tenant;
let other: Tenant;
let world: SegmentWorld;
let otherWorld: SegmentWorld;

beforeAll(async () => {
  tenant = await createTenant("seg-routers");
  other = await createTenant("seg-routers-other");
  world = await buildSegmentWorld(tenant);
  otherWorld = await buildSegmentWorld(other);
});

afterAll(async () => {
  await systemDb().crmSettings.deleteMany({ where: { organizationId: { in: [tenant.id, other.id] } } });
  await deleteTenant(tenant);
  await deleteTenant(other);
});

const owner = () => callerFor(tenant.users.OWNER, tenant.slug);
const newsletter = { match: "all" as const, conditions: [{ kind: "tags" as const, op: "has_any" as const, values: ["newsletter"] }] };

describe("segments", () => {
  it("creates, reads, counts, previews, renames and archives a segment", async () => {
    const created = await owner().segments.create({ name: "Newsletter readers", filter: newsletter });
    expect(created.filter).toEqual(newsletter);
    expect(await outcome(owner().segments.create({ name: "Newsletter readers", filter: newsletter }))).toBe("CONFLICT");

    expect(await owner().segments.count({ filter: newsletter })).toEqual({ count: 2 });
    const preview = await owner().segments.preview({ segmentId: created.id, limit: 1 });
    expect(preview.items.map((m) => m.id)).toEqual([world.contacts.bob]);
    const rest = await owner().segments.preview({ segmentId: created.id, limit: 1, cursor: preview.nextCursor ?? undefined });
    expect(rest.items.map((m) => m.id)).toEqual([world.contacts.ann]);

    const updated = await owner().segments.update({ segmentId: created.id, name: "Readers", filter: { ...newsletter, conditions: [...newsletter.conditions, { kind: "score", op: "gt", value: 20 }] } });
    expect(updated.name).toBe("Readers");
    expect((await owner().segments.preview({ segmentId: created.id })).items.map((m) => m.id)).toEqual([world.contacts.bob]);

    await owner().segments.archive({ segmentId: created.id });
    expect((await owner().segments.list()).map((s) => s.id)).not.toContain(created.id);
    expect((await owner().segments.list({ includeArchived: true })).map((s) => s.id)).toContain(created.id);
    const audit = await systemDb().auditLog.findMany({ where: { organizationId: tenant.id, targetId: created.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["segments.archive", "segments.create", "segments.update"]);
  });

  it("never counts another tenant's contacts, even with that tenant's ids in the filter", async () => {
    const crafted = {
      match: "any" as const,
      conditions: [
        { kind: "list" as const, op: "in" as const, listId: otherWorld.listId },
        { kind: "custom" as const, type: "number" as const, fieldId: otherWorld.fields.arr, op: "gt" as const, value: 0 },
        { kind: "deal" as const, stageId: otherWorld.stages.won },
      ],
    };
    expect(await owner().segments.count({ filter: crafted })).toEqual({ count: 0 });
    expect((await owner().segments.preview({ filter: crafted })).items).toEqual([]);
    // The whole organization holds three live contacts, though the other tenant holds three more.
    expect(await owner().segments.count({ filter: { match: "all", conditions: [] } })).toEqual({ count: 3 });
  });

  it("refuses a malformed filter with the field that is wrong", async () => {
    const bad = owner().segments.count({ filter: { match: "all", conditions: [{ kind: "score", op: "between", value: 1 }] } as never });
    await expect(bad).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("offers the builder its custom fields, owners, lists and (for deal readers) pipelines", async () => {
    const catalog = await owner().segments.fieldCatalog();
    expect(catalog.customFields.map((f) => f.id).sort()).toEqual(Object.values(world.fields).sort());
    expect(catalog.customFields.find((f) => f.id === world.fields.region)?.options).toEqual([{ id: "eu", label: "Europe" }, { id: "us", label: "Americas" }]);
    expect(catalog.owners.map((o) => o.id)).toContain(tenant.users.VIEWER.id);
    expect(catalog.lists.map((l) => l.id)).toContain(world.listId);
    expect(catalog.pipelines.find((p) => p.id === world.pipelineId)?.stages.map((s) => s.name)).toEqual(["Qualified", "Won", "Lost"]);
    // In a client organization the agency's people (inherited access) can own contacts too.
    const inClient = await callerFor(tenant.users.OWNER, tenant.clientSlug).segments.fieldCatalog();
    expect(inClient.owners.map((o) => o.id)).toEqual(expect.arrayContaining([tenant.users.OWNER.id, tenant.users.VIEWER.id]));
    expect(inClient.customFields).toEqual([]);
    // Content roles read contacts but not deals: no pipelines for them.
    expect((await callerFor(tenant.users.CONTENT_EDITOR, tenant.slug).segments.fieldCatalog()).pipelines).toEqual([]);
  });
});

describe("static lists", () => {
  it("creates a list, adds and removes members (skipping foreign, deleted and unknown ids), pages them and counts them", async () => {
    const list = await owner().contactLists.create({ name: "Hand-picked" });
    const added = await owner().contactLists.addMembers({
      listId: list.id,
      contactIds: [world.contacts.ann, world.contacts.cyd, world.contacts.deleted, otherWorld.contacts.ann, "00000000-0000-4000-8000-000000000001"],
    });
    expect(added).toEqual({ added: 2 });
    // Adding again changes nothing.
    expect(await owner().contactLists.addMembers({ listId: list.id, contactIds: [world.contacts.ann] })).toEqual({ added: 0 });
    const page = await owner().contactLists.members({ listId: list.id });
    expect(page.items.map((m) => m.id)).toEqual([world.contacts.ann, world.contacts.cyd]);
    expect((await owner().contactLists.list()).find((l) => l.id === list.id)?.memberCount).toBe(2);

    expect(await owner().contactLists.removeMembers({ listId: list.id, contactIds: [world.contacts.cyd] })).toEqual({ removed: 1 });
    expect((await owner().contactLists.members({ listId: list.id })).items.map((m) => m.id)).toEqual([world.contacts.ann]);

    const renamed = await owner().contactLists.rename({ listId: list.id, name: "Picked by hand" });
    expect(renamed.name).toBe("Picked by hand");
    await owner().contactLists.archive({ listId: list.id });
    expect(await outcome(owner().contactLists.addMembers({ listId: list.id, contactIds: [world.contacts.bob] }))).toBe("PRECONDITION_FAILED");
    await owner().contactLists.archive({ listId: list.id, archived: false });
    expect(await owner().contactLists.addMembers({ listId: list.id, contactIds: [world.contacts.bob] })).toEqual({ added: 1 });
  });

  it("snapshots a segment into a new list and into an existing one, set-based, keeping existing members", async () => {
    const segment = await owner().segments.create({ name: "Snapshot source", filter: newsletter });
    const snap = await owner().contactLists.snapshotSegment({ segmentId: segment.id, name: "Newsletter, frozen" });
    expect(snap.added).toBe(2);
    const members = await owner().contactLists.members({ listId: snap.listId });
    expect(members.items.map((m) => m.id).sort()).toEqual([world.contacts.ann, world.contacts.bob].sort());
    const rows = await systemDb().contactListMember.findMany({ where: { organizationId: tenant.id, listId: snap.listId }, select: { source: true } });
    expect(rows.map((r) => r.source)).toEqual(["segment", "segment"]);

    // Into an existing list: cyd stays, ann is there already, bob is new.
    const existing = await owner().contactLists.create({ name: "Existing" });
    await owner().contactLists.addMembers({ listId: existing.id, contactIds: [world.contacts.cyd, world.contacts.ann] });
    expect(await owner().contactLists.snapshotSegment({ segmentId: segment.id, listId: existing.id })).toMatchObject({ added: 1 });
    expect((await owner().contactLists.list()).find((l) => l.id === existing.id)?.memberCount).toBe(3);
    // A segment of another tenant cannot be snapshotted here.
    const foreignSegment = await systemDb().segment.create({ data: { organizationId: other.id, name: "Theirs", filter: newsletter } });
    expect(await outcome(owner().contactLists.snapshotSegment({ segmentId: foreignSegment.id, listId: existing.id }))).toBe("NOT_FOUND");
  });
});

describe("own-records visibility", () => {
  it("keeps members below admin to the contacts they own in counts, previews, lists and snapshots", async () => {
    await systemDb().crmSettings.upsert({ where: { organizationId: tenant.id }, create: { organizationId: tenant.id, ownRecordsOnly: true }, update: { ownRecordsOnly: true } });
    try {
      const editor = callerFor(tenant.users.CONTENT_EDITOR, tenant.slug);
      const manager = callerFor(tenant.users.CONTENT_MANAGER, tenant.slug);
      const everyone = { match: "all" as const, conditions: [] };
      expect(await editor.segments.count({ filter: everyone })).toEqual({ count: 1 });
      expect((await editor.segments.preview({ filter: everyone })).items.map((m) => m.id)).toEqual([world.contacts.bob]);
      // Content managers own nothing here: they see no one.
      expect(await manager.segments.count({ filter: everyone })).toEqual({ count: 0 });
      // Admins see everything whatever the setting says.
      expect(await callerFor(tenant.users.ADMIN, tenant.slug).segments.count({ filter: everyone })).toEqual({ count: 3 });
      // The list of all three (made by the owner) counts one member for the editor.
      const list = await owner().contactLists.create({ name: "All three" });
      await owner().contactLists.addMembers({ listId: list.id, contactIds: [world.contacts.ann, world.contacts.bob, world.contacts.cyd] });
      expect((await editor.contactLists.list()).find((l) => l.id === list.id)?.memberCount).toBe(1);
      expect((await editor.contactLists.members({ listId: list.id })).items.map((m) => m.id)).toEqual([world.contacts.bob]);
    } finally {
      await systemDb().crmSettings.update({ where: { organizationId: tenant.id }, data: { ownRecordsOnly: false } });
    }
  });
});
