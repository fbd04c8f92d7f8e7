import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { futureLocalTime } from "../social-fixtures";

/**
 * TikTok's rules forbid a default audience (issue 8 §4): the user's choice per TikTok target is
 * stored, returned to the composer, required before scheduling, and never kept for other networks.
 */
let tenant: Tenant;
let tiktokId: string;

beforeAll(async () => {
  tenant = await createTenant("tiktok-privacy");
  const account = await systemDb().socialAccount.create({
    data: { organizationId: tenant.id, network: "TIKTOK", externalId: `tt_${randomUUID()}`, name: "Bakery TikTok", handle: "bakery", status: "CONNECTED", tokenExpiresAt: new Date(Date.now() + 86_400_000) },
  });
  tiktokId = account.id;
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const owner = () => callerFor(tenant.users.OWNER, tenant.slug);
const schedule = () => ({ timezone: "Europe/London", localTime: futureLocalTime(3) });

describe("a TikTok target's privacy choice", () => {
  it("is required before the post can be scheduled there", async () => {
    const refused = owner().posts.create({ content: "New loaves", targets: [{ socialAccountId: tiktokId }], intent: "schedule", schedule: schedule() });
    await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { details: { targetIssues: expect.arrayContaining([expect.objectContaining({ socialAccountId: tiktokId, field: "tiktok" })]) } } });
    // A draft may wait for it.
    expect(await outcome(owner().posts.create({ content: "New loaves", targets: [{ socialAccountId: tiktokId }], intent: "draft" }))).toBe("OK");
  });

  it("is stored and comes back to the composer as it was sent", async () => {
    const created = await owner().posts.create({ content: "Only for friends", targets: [{ socialAccountId: tiktokId, tiktok: { privacyLevel: "MUTUAL_FOLLOW_FRIENDS" } }], intent: "draft" });
    const row = await systemDb().postTarget.findFirstOrThrow({ where: { postId: created.id } });
    expect(row.tiktokPrivacyLevel).toBe("MUTUAL_FOLLOW_FRIENDS");
    const post = await owner().posts.get({ postId: created.id });
    expect(post.targets[0]?.tiktok).toEqual({ privacyLevel: "MUTUAL_FOLLOW_FRIENDS" });
  });

  it("refuses a level TikTok does not have", async () => {
    expect(await outcome(owner().posts.create({ content: "x", targets: [{ socialAccountId: tiktokId, tiktok: { privacyLevel: "EVERYONE_PLEASE" as never } }], intent: "draft" }))).toBe("BAD_REQUEST");
  });
});
