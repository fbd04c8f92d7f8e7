import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("queue");
});
afterAll(async () => {
  await deleteTenant(t);
});

const manager = () => callerFor(t.users.CONTENT_MANAGER, t.slug);

describe("queue slots", () => {
  it("set replaces an account's slots (duplicates collapse) and list returns them Monday first", async () => {
    const accountId = await freshAccount(t);
    await manager().queueSlots.set({ accountId, slots: [{ weekday: 5, localTime: "18:00" }] });
    const slots = await manager().queueSlots.set({
      accountId,
      slots: [
        { weekday: 3, localTime: "14:30" },
        { weekday: 1, localTime: "09:00" },
        { weekday: 3, localTime: "14:30" },
      ],
    });
    expect(slots.map((s) => [s.weekday, s.localTime])).toEqual([
      [1, "09:00"],
      [3, "14:30"],
    ]);
    expect((await callerFor(t.users.VIEWER, t.slug).queueSlots.list({ accountId })).map((s) => s.id)).toEqual(slots.map((s) => s.id));
    expect(await outcome(manager().queueSlots.set({ accountId, slots: [{ weekday: 8, localTime: "09:00" }] }))).toBe("BAD_REQUEST");
    expect(await outcome(manager().queueSlots.set({ accountId, slots: [{ weekday: 1, localTime: "25:00" }] }))).toBe("BAD_REQUEST");
    expect(await outcome(callerFor(t.users.CONTENT_EDITOR, t.slug).queueSlots.set({ accountId, slots: [] }))).toBe("FORBIDDEN");
  });

  it("nextFree finds the first unused slot across the accounts, in the organization's zone, across the DST change", async () => {
    // Europe/London (the fixture's zone) moves to BST on Sunday 29 March 2026.
    const a = await freshAccount(t);
    const b = await freshAccount(t);
    await manager().queueSlots.set({ accountId: a, slots: [{ weekday: 1, localTime: "09:00" }] });
    await manager().queueSlots.set({ accountId: b, slots: [{ weekday: 3, localTime: "14:30" }] });
    const after = "2026-03-27T12:00:00.000Z"; // Friday, still GMT

    expect(await manager().queueSlots.nextFree({ accountIds: [a, b], after })).toEqual({
      timezone: "Europe/London",
      localTime: "2026-03-30T09:00",
      scheduledAt: new Date("2026-03-30T08:00:00.000Z"),
    });

    // Monday's slot is taken by a post on one of the accounts: Wednesday's is next.
    await freshPost(t, b, { scheduledAt: new Date("2026-03-30T08:00:00.000Z") });
    expect(await manager().queueSlots.nextFree({ accountIds: [a, b], after })).toMatchObject({ localTime: "2026-04-01T14:30", scheduledAt: new Date("2026-04-01T13:30:00.000Z") });
    // A cancelled target does not hold its slot.
    await systemDb().postTarget.updateMany({ where: { socialAccountId: b }, data: { status: "CANCELLED" } });
    expect(await manager().queueSlots.nextFree({ accountIds: [a, b], after })).toMatchObject({ localTime: "2026-03-30T09:00" });

    const none = await freshAccount(t);
    expect(await manager().queueSlots.nextFree({ accountIds: [none] })).toBeNull();
  });
});
