import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("abtests");
});
afterAll(async () => {
  await deleteTenant(t);
});

const manager = () => callerFor(t.users.CONTENT_MANAGER, t.slug);

describe("A/B tests", () => {
  it("turns posts into lettered variants, decides after the last one plus the window, and starts the job", async () => {
    const accountId = await freshAccount(t);
    const first = new Date("2030-05-01T09:00:00.000Z");
    const last = new Date("2030-05-02T09:00:00.000Z");
    const a = await freshPost(t, accountId, { scheduledAt: last });
    const b = await freshPost(t, accountId, { scheduledAt: first, status: "DRAFT" });

    const test = await manager().abTests.create({ name: "Headline", metric: "CLICKS", windowHours: 24, postIds: [a, b] });
    expect(test).toMatchObject({ name: "Headline", metric: "CLICKS", status: "RUNNING", decideAt: new Date("2030-05-03T09:00:00.000Z"), winnerPostId: null });
    expect(test?.variants.map((v) => [v.postId, v.key, v.value])).toEqual([
      [a, "A", null],
      [b, "B", null],
    ]);
    const event = await systemDb().eventOutbox.findUnique({ where: { eventId: `ab-test:${test?.id}` } });
    expect(event?.name).toBe("ab-test/started");

    // Live values while running come from the latest snapshots.
    const target = await systemDb().postTarget.findFirstOrThrow({ where: { postId: a } });
    await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "PUBLISHED" } });
    for (const [hour, clicks] of [
      [10, 3],
      [11, 8],
    ] as const) {
      await systemDb().postMetric.create({ data: { organizationId: t.id, postTargetId: target.id, socialAccountId: accountId, periodStart: new Date(Date.UTC(2030, 4, 2, hour)), impressions: 100, clicks } });
    }
    const read = await callerFor(t.users.VIEWER, t.slug).abTests.get({ abTestId: test?.id ?? "" });
    expect(read?.variants.find((v) => v.postId === a)?.value).toBe(8);
    expect((await manager().abTests.list()).map((x) => x.id)).toContain(test?.id);

    // A post can be a variant of one test only.
    const c = await freshPost(t, accountId);
    expect(await outcome(manager().abTests.create({ name: "Again", metric: "LIKES", windowHours: 24, postIds: [a, c] }))).toBe("BAD_REQUEST");
  });

  it("refuses variants that are not comparable or not ready", async () => {
    const one = await freshAccount(t);
    const two = await freshAccount(t);
    await expect(manager().abTests.create({ name: "Apart", metric: "LIKES", windowHours: 24, postIds: [await freshPost(t, one), await freshPost(t, two)] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/same accounts/),
    });
    const untimed = await freshPost(t, one, { status: "DRAFT" });
    await systemDb().post.update({ where: { id: untimed }, data: { scheduledAt: null } });
    await expect(manager().abTests.create({ name: "Untimed", metric: "LIKES", windowHours: 24, postIds: [await freshPost(t, one), untimed] })).rejects.toMatchObject({
      message: expect.stringMatching(/Give every variant a time/),
    });
    const only = await freshPost(t, one);
    expect(await outcome(manager().abTests.create({ name: "Solo", metric: "LIKES", windowHours: 24, postIds: [only] }))).toBe("BAD_REQUEST");
    expect(await outcome(manager().abTests.create({ name: "Twice", metric: "LIKES", windowHours: 24, postIds: [only, only] }))).toBe("BAD_REQUEST");
    expect(await outcome(callerFor(t.users.CONTENT_EDITOR, t.slug).abTests.create({ name: "Editor", metric: "LIKES", windowHours: 24, postIds: [only, untimed] }))).toBe("FORBIDDEN");
  });
});
