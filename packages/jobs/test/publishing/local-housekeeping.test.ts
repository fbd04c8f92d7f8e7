import "./env";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { createHousekeeping } from "../../src/local-housekeeping";
import { publishTarget } from "../../src/publishing";
import { PublishingFixtures } from "./fixtures";

/** Without the engine, the local scheduler also does the cron functions' chores. */
const fixtures = new PublishingFixtures();
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const quiet = { info: () => undefined, warn: () => undefined };

describe("engine-less housekeeping", () => {
  it("syncs metrics of published posts and decides a due A/B test, once per interval", async () => {
    const organizationId = await fixtures.org("Housekeeping Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const test = await systemDb().abTest.create({ data: { organizationId, name: "Caption test", metric: "IMPRESSIONS", windowHours: 1, decideAt: new Date(Date.now() - 60_000) } });
    const a = await fixtures.scheduledPost(organizationId, [account], { abTestId: test.id, abVariantKey: "A" });
    const b = await fixtures.scheduledPost(organizationId, [account], { abTestId: test.id, abVariantKey: "B" });
    for (const post of [a, b]) {
      for (const targetId of post.targetIds) await publishTarget({ organizationId, targetId, scheduleVersion: post.scheduleVersion });
    }

    // Let the posts age on the Sandbox so they have engagement to measure.
    await systemDb().sandboxPost.updateMany({ where: { accountExternalId: account.externalId }, data: { createdAt: new Date(Date.now() - 3 * 3_600_000) } });

    const housekeeping = createHousekeeping(quiet, organizationId);
    const now = new Date();
    await housekeeping(now);

    const snapshots = await systemDb().postMetric.count({ where: { organizationId } });
    expect(snapshots).toBe(2);
    const decided = await systemDb().abTest.findUniqueOrThrow({ where: { id: test.id } });
    expect(decided.status).toBe("DECIDED");
    expect([a.id, b.id]).toContain(decided.winnerPostId);

    // A second pass within the interval does nothing more.
    await housekeeping(new Date(now.getTime() + 1_000));
    expect(await systemDb().postMetric.count({ where: { organizationId } })).toBe(snapshots);
  });
});
