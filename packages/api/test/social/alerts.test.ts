import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshAlert } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant("alerts"), createTenant("alerts-other")]);
});
afterAll(async () => {
  await Promise.all([deleteTenant(t), deleteTenant(other)]);
});

describe("alerts", () => {
  it("lists newest first with the unread count; marking read is for the whole organization", async () => {
    const ids = [await freshAlert(t), await freshAlert(t), await freshAlert(t)];
    const viewer = callerFor(t.users.VIEWER, t.slug);
    const listed = await viewer.alerts.list();
    expect(listed.unreadCount).toBe(3);
    expect(listed.items.map((a) => a.id)).toEqual([...ids].reverse());

    expect(await viewer.alerts.markRead({ alertIds: [ids[0] ?? ""] })).toEqual({ marked: 1, unreadCount: 2 });
    const unread = await callerFor(t.users.OWNER, t.slug).alerts.list({ unreadOnly: true });
    expect(unread.items.map((a) => a.id).sort()).toEqual([ids[1], ids[2]].sort());

    expect(await viewer.alerts.markRead({ all: true })).toEqual({ marked: 2, unreadCount: 0 });
    expect((await viewer.alerts.list({ unreadOnly: true })).items).toEqual([]);
  });

  it("another organization's alert ids are not found, and stay unread", async () => {
    const foreign = await freshAlert(other);
    expect(await outcome(callerFor(t.users.OWNER, t.slug).alerts.markRead({ alertIds: [foreign] }))).toBe("NOT_FOUND");
    expect((await callerFor(other.users.OWNER, other.slug).alerts.list()).unreadCount).toBe(1);
  });
});
