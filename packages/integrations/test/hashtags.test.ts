import "./helpers/env";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetIntegrationsEnv } from "../src/env";
import { aiConfigFromEnv, historySuggestions, keywordSuggestions, suggestHashtags, toHashtag } from "../src/hashtags";
import { startFakeOpenAi, type FakeOpenAi } from "./helpers/fake-openai";

const POST = "Our new vegan bakery in Berlin opens Saturday! Fresh sourdough bread and oat milk lattes for everyone. Visit us at the Berlin Food Festival. #VeganBakery";

const tags = (list: { tag: string }[]) => list.map((s) => s.tag);

describe("hashtags from history", () => {
  it("ranks tags that went with above-average engagement, damped by how often they were used", () => {
    const history = [
      { tags: ["#Sourdough", "#Bakery"], engagementRate: 0.08 },
      { tags: ["#sourdough"], engagementRate: 0.07 },
      { tags: ["#Sourdough", "#Monday"], engagementRate: 0.075 },
      { tags: ["#Bakery"], engagementRate: 0.01 },
      { tags: ["#Monday", "#LuckyOnce"], engagementRate: 0.01 },
      { tags: ["#LuckyOnce2"], engagementRate: 0.09 },
      { tags: [], engagementRate: 0.02 },
    ];
    const ranked = historySuggestions(history).sort((a, b) => b.score - a.score);

    // Average 0.0507: #Sourdough (3 uses, mean 0.075) beats #LuckyOnce2 (1 use, 0.09); #Bakery (0.045) and #Monday fall below.
    expect(tags(ranked)).toEqual(["#Sourdough", "#LuckyOnce2"]);
    expect(ranked.every((s) => s.source === "history" && s.score >= 0.5 && s.score <= 1)).toBe(true);
    expect(historySuggestions([])).toEqual([]);
    expect(historySuggestions([{ tags: ["#A"], engagementRate: 0 }])).toEqual([]);
  });
});

describe("hashtags from keywords", () => {
  it("turns nouns, noun compounds and names into #CamelCase tags, skipping tags already in the text", () => {
    const found = tags(keywordSuggestions(POST));
    expect(found).toEqual(expect.arrayContaining(["#Berlin", "#BerlinFoodFestival", "#SourdoughBread", "#Bakery", "#Latte"]));
    expect(found).not.toContain("#VeganBakery");
    expect(found).not.toContain("#Saturday");
    expect(found).not.toContain("#Visit");
    expect(found).not.toContain("#Fresh");
    expect(keywordSuggestions("   ")).toEqual([]);
  });

  it("builds tags safely", () => {
    expect(toHashtag(["oat", "milk"])).toBe("#OatMilk");
    expect(toHashtag("#iPhone")).toBe("#iPhone");
    expect(toHashtag("café au lait!")).toBe("#CaféAuLait");
    expect(toHashtag("2024")).toBeNull();
    expect(toHashtag("  ")).toBeNull();
  });
});

describe("suggestHashtags", () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("combines history and keywords without AI, and says AI is not configured", async () => {
    const result = await suggestHashtags({ content: POST, history: [{ tags: ["#Berlin"], engagementRate: 0.1 }, { tags: ["#Coffee"], engagementRate: 0.01 }], limit: 5 }, { ai: null });

    expect(result.ai).toEqual({ configured: false, error: null });
    expect(result.suggestions).toHaveLength(5);
    // Found by history and keywords: first, and credited to history.
    expect(result.suggestions[0]).toMatchObject({ tag: "#Berlin", source: "history" });
    expect(new Set(tags(result.suggestions)).size).toBe(5);
    const scores = result.suggestions.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("asks an OpenAI-compatible server through Chat Completions with a JSON schema", async () => {
    fake.reply = () => ({ content: JSON.stringify({ hashtags: ["#PlantBased", "berlin food", "#VeganBakery", "#Bakery"] }) });
    const before = fake.requests.length;

    const result = await suggestHashtags({ content: POST, history: [], network: "INSTAGRAM", limit: 8 }, { ai: { apiKey: "sk-test", baseURL: fake.baseURL, model: "test-model" } });

    expect(result.ai).toEqual({ configured: true, error: null });
    expect(result.suggestions).toContainEqual({ tag: "#PlantBased", source: "ai", score: expect.any(Number) });
    expect(result.suggestions).toContainEqual(expect.objectContaining({ tag: "#BerlinFood", source: "ai" }));
    // Already in the post: never suggested, whoever proposes it.
    expect(tags(result.suggestions)).not.toContain("#VeganBakery");
    // Proposed by the AI and by keywords: ranked up.
    const bakery = result.suggestions.find((s) => s.tag === "#Bakery");
    expect(bakery?.score).toBeGreaterThan(0.75);

    const [call] = fake.requests.slice(before);
    expect(call?.path).toBe("/v1/chat/completions");
    expect(call?.authorization).toBe("Bearer sk-test");
    expect(call?.body.model).toBe("test-model");
    expect(call?.body.response_format).toMatchObject({ type: "json_schema" });
    expect(JSON.stringify(call?.body.messages)).toContain("Network: INSTAGRAM");
  });

  it("degrades visibly when the AI fails: an error string, the other sources still answer", async () => {
    fake.reply = () => ({ status: 401, error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
    const failed = await suggestHashtags({ content: POST, history: [], limit: 5 }, { ai: { apiKey: "sk-bad", baseURL: fake.baseURL, model: "m" } });
    expect(failed.ai.configured).toBe(true);
    expect(failed.ai.error).toMatch(/AI suggestions are unavailable: .*Incorrect API key provided/);
    expect(failed.suggestions.length).toBeGreaterThan(0);
    expect(failed.suggestions.every((s) => s.source === "keywords")).toBe(true);

    fake.reply = () => ({ content: "Sure! Here are some hashtags: #a #b" });
    const garbled = await suggestHashtags({ content: POST, history: [], limit: 5 }, { ai: { baseURL: fake.baseURL, model: "m" } });
    expect(garbled.ai.error).toMatch(/AI suggestions are unavailable/);

    const unreachable = await suggestHashtags({ content: POST, history: [], limit: 5 }, { ai: { baseURL: "http://127.0.0.1:9/v1", model: "m" } });
    expect(unreachable.ai.error).toMatch(/AI suggestions are unavailable/);
    expect(unreachable.suggestions.length).toBeGreaterThan(0);
  });

  it("caps the count per network and reads the AI settings from the environment", async () => {
    const x = await suggestHashtags({ content: POST, history: [], network: "X", limit: 10 }, { ai: null });
    expect(x.suggestions).toHaveLength(3);

    vi.stubEnv("OPENAI_BASE_URL", fake.baseURL);
    vi.stubEnv("AI_MODEL", "local-llama");
    resetIntegrationsEnv();
    try {
      expect(aiConfigFromEnv()).toEqual({ apiKey: undefined, baseURL: fake.baseURL, model: "local-llama" });
      fake.reply = () => ({ content: JSON.stringify({ hashtags: ["#LocalModel"] }) });
      const result = await suggestHashtags({ content: POST, history: [], limit: 3 });
      expect(result.ai).toEqual({ configured: true, error: null });
      expect(fake.requests.at(-1)?.body.model).toBe("local-llama");
    } finally {
      vi.unstubAllEnvs();
      resetIntegrationsEnv();
    }
  });
});
