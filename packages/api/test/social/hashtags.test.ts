import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("hashtags");
});
afterAll(async () => {
  await deleteTenant(t);
});

async function publishedPost(accountId: string, content: string, impressions: number, likes: number) {
  const postId = await freshPost(t, accountId);
  await systemDb().post.update({ where: { id: postId }, data: { content, status: "PUBLISHED", publishedAt: new Date() } });
  const target = await systemDb().postTarget.findFirstOrThrow({ where: { postId } });
  await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  // Two snapshots: only the latest may count.
  await systemDb().postMetric.create({ data: { organizationId: t.id, postTargetId: target.id, socialAccountId: accountId, periodStart: new Date(Date.now() - 7_200_000), impressions: impressions / 2, likes: 0 } });
  await systemDb().postMetric.create({ data: { organizationId: t.id, postTargetId: target.id, socialAccountId: accountId, periodStart: new Date(Date.now() - 3_600_000), impressions, likes } });
}

describe("hashtag suggestions", () => {
  it("suggests tags that went with higher engagement in the organization's own posts", async () => {
    const accountId = await freshAccount(t);
    await publishedPost(accountId, "Morning bake #sourdough #bakery", 1000, 200);
    await publishedPost(accountId, "Opening hours #monday", 1000, 10);
    await publishedPost(accountId, "Another loaf #sourdough", 1000, 150);

    const result = await callerFor(t.users.CONTENT_EDITOR, t.slug).hashtags.suggest({ content: "Our bakery opens early on Saturday with fresh rye bread", network: "INSTAGRAM" });
    // Without an AI model configured, the other sources answer and no error is reported.
    if (!result.ai.configured) expect(result.ai.error).toBeNull();
    const history = result.suggestions.filter((s) => s.source === "history").map((s) => s.tag.toLowerCase());
    expect(history).toContain("#sourdough");
    expect(history).not.toContain("#monday");
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.every((s) => s.score >= 0 && s.score <= 1)).toBe(true);
  });

  it("is for roles that write posts", async () => {
    expect(await outcome(callerFor(t.users.VIEWER, t.slug).hashtags.suggest({ content: "hello" }))).toBe("FORBIDDEN");
  });
});
