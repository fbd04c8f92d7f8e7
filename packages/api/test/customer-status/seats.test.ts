import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { countSeats } from "../../src/services/seats";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";

describe("countSeats (pure)", () => {
  it("counts each person once across direct and inherited access", () => {
    expect(countSeats([], [])).toEqual({ total: 0, direct: 0, inherited: 0 });
    expect(countSeats([{ userId: "a" }], [{ userId: "b" }, { userId: "c" }])).toEqual({ total: 3, direct: 1, inherited: 2 });
    // Someone who is both a direct member and an agency member is one seat, counted as direct.
    expect(countSeats([{ userId: "a" }, { userId: "b" }], [{ userId: "b" }, { userId: "c" }])).toEqual({ total: 3, direct: 2, inherited: 1 });
    expect(countSeats([{ userId: "a" }, { userId: "a" }], [])).toEqual({ total: 1, direct: 1, inherited: 0 });
  });
});

describe("members.list seats", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant("seats");
  });
  afterAll(async () => {
    await deleteTenant(t);
  });

  it("a client without direct members shows the agency's six people: who, which role, via which agency, six seats", async () => {
    const list = await callerFor(t.users.ADMIN, t.clientSlug).members.list();
    expect(list.members).toEqual([]);
    expect(list.seats).toEqual({ total: 6, direct: 0, inherited: 6 });
    expect(list.via).toMatchObject({ name: t.name, slug: t.slug });
    expect(list.inherited.map((m) => [m.user.email, m.role, m.alsoDirect]).sort()).toEqual(Object.entries(t.users).map(([role, u]) => [u.email, role, false]).sort());
  });

  it("a direct member of the client who is also in the agency is one seat; the agency counts only its own", async () => {
    await systemDb().membership.create({ data: { organizationId: t.clientId, userId: t.users.VIEWER.id, role: "CONTENT_MANAGER" } });
    const list = await callerFor(t.users.ADMIN, t.clientSlug).members.list();
    expect(list.seats).toEqual({ total: 6, direct: 1, inherited: 5 });
    expect(list.inherited.find((m) => m.user.id === t.users.VIEWER.id)).toMatchObject({ role: "VIEWER", alsoDirect: true });

    const agency = await callerFor(t.users.ADMIN, t.slug).members.list();
    expect(agency.seats).toEqual({ total: 6, direct: 6, inherited: 0 });
    expect(agency.inherited).toEqual([]);
    expect(agency.via).toBeNull();
  });
});
