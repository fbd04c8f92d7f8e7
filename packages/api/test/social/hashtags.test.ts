import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemDb } from "@mg/db/system";
import { resetIntegrationsEnv } from "@mg/integrations/env";
import { startFakeOpenAi, type FakeOpenAi } from "../../../integrations/test/helpers/fake-openai";
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

describe("hashtag AI is a plan feature (aiAssistant)", () => {
  let fake: FakeOpenAi;
  let accountId: string;
  const DRAFT = { content: "Our bakery opens early on Saturday with fresh rye bread and sourdough", network: "INSTAGRAM" as const };

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    fake.reply = () => ({ content: JSON.stringify({ hashtags: ["#RyeBreadLovers", "#WeekendBakes"] }) });
    accountId = await freshAccount(t);
    await publishedPost(accountId, "Weekend bake #sourdough", 1000, 200);
    // The server has a model: only the plan decides whether it is asked.
    vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
    vi.stubEnv("AI_MODEL", "test-model");
    resetIntegrationsEnv();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetIntegrationsEnv();
    await fake.close();
  });
  afterEach(async () => {
    await systemDb().organization.update({ where: { id: t.id }, data: { plan: "PROFESSIONAL", featureFlags: {} } });
  });

  it("on the Free plan: history and keywords answer, the model is never called, and the answer says it is the plan", async () => {
    await systemDb().organization.update({ where: { id: t.id }, data: { plan: "FREE" } });
    const before = fake.requests.length;
    const result = await callerFor(t.users.CONTENT_EDITOR, t.slug).hashtags.suggest(DRAFT);

    expect(fake.requests.length, "the AI model was called on a plan without the AI assistant").toBe(before);
    expect(result.ai).toEqual({ configured: true, used: false, error: null, notInPlan: { plan: "FREE", suggestedPlan: "STARTER" } });
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.some((s) => s.source === "ai")).toBe(false);
    expect(result.suggestions.map((s) => s.tag.toLowerCase())).toContain("#sourdough");
  });

  it("on a plan with the AI assistant the model is asked and its tags are marked as AI", async () => {
    const before = fake.requests.length;
    const result = await callerFor(t.users.CONTENT_EDITOR, t.slug).hashtags.suggest(DRAFT);
    expect(fake.requests.length).toBe(before + 1);
    expect(result.ai).toEqual({ configured: true, used: true, error: null, notInPlan: null });
    expect(result.suggestions).toContainEqual(expect.objectContaining({ tag: "#RyeBreadLovers", source: "ai" }));
  });

  it("an organization's own feature flag decides over its plan, both ways", async () => {
    await systemDb().organization.update({ where: { id: t.id }, data: { plan: "FREE", featureFlags: { aiAssistant: true } } });
    let before = fake.requests.length;
    expect((await callerFor(t.users.OWNER, t.slug).hashtags.suggest(DRAFT)).ai.used).toBe(true);
    expect(fake.requests.length).toBe(before + 1);

    await systemDb().organization.update({ where: { id: t.id }, data: { plan: "PROFESSIONAL", featureFlags: { aiAssistant: false } } });
    before = fake.requests.length;
    const withheld = await callerFor(t.users.OWNER, t.slug).hashtags.suggest(DRAFT);
    expect(fake.requests.length).toBe(before);
    expect(withheld.ai.notInPlan).toEqual({ plan: "PROFESSIONAL", suggestedPlan: "STARTER" });
  });
});
