import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("campaigns");
});
afterAll(async () => {
  await deleteTenant(t);
});

const manager = () => callerFor(t.users.CONTENT_MANAGER, t.slug);

describe("campaigns", () => {
  it("creates, reads, updates and lists with post counts and KPI progress", async () => {
    const created = await manager().campaigns.create({
      name: "Spring launch",
      goal: "Sell the new loaf",
      kpiTargets: [
        { metric: "impressions", target: 1000 },
        { metric: "posts", target: 4 },
      ],
      budgetCents: 50_000,
      currency: "eur",
      startsOn: "2026-03-01",
      endsOn: "2026-03-31",
      color: "#22c55e",
    });
    expect(created).toMatchObject({ name: "Spring launch", currency: "EUR", postCount: 0, publishedCount: 0, archivedAt: null });

    const accountId = await freshAccount(t);
    const scheduled = await freshPost(t, accountId);
    const published = await freshPost(t, accountId);
    await systemDb().post.updateMany({ where: { id: { in: [scheduled, published] } }, data: { campaignId: created.id } });
    await systemDb().post.update({ where: { id: published }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    const target = await systemDb().postTarget.findFirstOrThrow({ where: { postId: published } });
    await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    for (const [hour, impressions] of [
      [1, 200],
      [2, 450],
    ] as const) {
      await systemDb().postMetric.create({
        data: { organizationId: t.id, postTargetId: target.id, socialAccountId: accountId, periodStart: new Date(Date.UTC(2026, 2, 2, hour)), impressions, likes: 10 },
      });
    }

    const detail = await callerFor(t.users.VIEWER, t.slug).campaigns.get({ campaignId: created.id });
    expect(detail).toMatchObject({ postCount: 2, publishedCount: 1, summary: { byStatus: { SCHEDULED: 1, PUBLISHED: 1 }, totals: { impressions: 450, likes: 10 } } });
    expect(detail.kpiProgress).toEqual([
      { metric: "impressions", target: 1000, actual: 450 },
      { metric: "posts", target: 4, actual: 1 },
    ]);
    expect(detail.posts.map((p) => p.id).sort()).toEqual([scheduled, published].sort());

    const updated = await manager().campaigns.update({ campaignId: created.id, endsOn: "2026-04-15", goal: null });
    expect(updated).toMatchObject({ name: "Spring launch", startsOn: "2026-03-01", endsOn: "2026-04-15", goal: null, budgetCents: 50_000 });

    const listed = await callerFor(t.users.ANALYST, t.slug).campaigns.list();
    expect(listed.find((c) => c.id === created.id)).toMatchObject({ postCount: 2, publishedCount: 1, kpiTargets: created.kpiTargets });
  });

  it("validates names and dates", async () => {
    await manager().campaigns.create({ name: "Unique name", startsOn: "2026-05-01", endsOn: "2026-05-02" });
    await expect(manager().campaigns.create({ name: "Unique name", startsOn: "2026-05-01", endsOn: "2026-05-02" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already exists/) });
    expect(await outcome(manager().campaigns.create({ name: "Backwards", startsOn: "2026-05-02", endsOn: "2026-05-01" }))).toBe("BAD_REQUEST");
    expect(await outcome(manager().campaigns.create({ name: "Bad date", startsOn: "2026-02-30", endsOn: "2026-03-01" }))).toBe("BAD_REQUEST");
    const other = await manager().campaigns.create({ name: "Other", startsOn: "2026-06-10", endsOn: "2026-06-20" });
    expect(await outcome(manager().campaigns.update({ campaignId: other.id, endsOn: "2026-06-01" }))).toBe("BAD_REQUEST");
    expect(await outcome(manager().campaigns.update({ campaignId: other.id, name: "Unique name" }))).toBe("CONFLICT");
    expect(await outcome(callerFor(t.users.CONTENT_EDITOR, t.slug).campaigns.create({ name: "Editor's", startsOn: "2026-05-01", endsOn: "2026-05-02" }))).toBe("FORBIDDEN");
  });

  it("counts active campaigns against the plan; archiving frees a place and restoring takes it back", async () => {
    const small = await createTenant("campaign-quota");
    try {
      await systemDb().organization.update({ where: { id: small.id }, data: { limitOverrides: { campaigns: 1 } } });
      const owner = callerFor(small.users.OWNER, small.slug);
      const first = await owner.campaigns.create({ name: "First", startsOn: "2026-01-01", endsOn: "2026-01-31" });
      await expect(owner.campaigns.create({ name: "Second", startsOn: "2026-02-01", endsOn: "2026-02-28" })).rejects.toMatchObject({
        code: "FORBIDDEN",
        cause: { details: { kind: "quota", key: "campaigns", limit: 1, current: 1 } },
      });
      expect((await owner.campaigns.archive({ campaignId: first.id, archived: true })).archivedAt).not.toBeNull();
      await owner.campaigns.create({ name: "Second", startsOn: "2026-02-01", endsOn: "2026-02-28" });
      expect(await outcome(owner.campaigns.archive({ campaignId: first.id, archived: false }))).toBe("FORBIDDEN");
      expect((await owner.campaigns.list()).map((c) => c.name)).toEqual(["Second"]);
      expect((await owner.campaigns.list({ includeArchived: true })).map((c) => c.name).sort()).toEqual(["First", "Second"]);
    } finally {
      await deleteTenant(small);
    }
  });
});
