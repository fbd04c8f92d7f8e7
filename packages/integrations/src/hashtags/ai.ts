import { createOpenAI } from "@ai-sdk/openai";
import { generateText, Output } from "ai";
import { z } from "zod";
import type { NetworkId } from "../types";
import { toHashtag } from "./tags";
import type { HashtagSuggestion } from "./types";

export interface AiConfig {
  apiKey?: string;
  /** Any OpenAI-compatible server; default OpenAI. */
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

const answerSchema = z.object({ hashtags: z.array(z.string()).max(50) });

/**
 * Hashtags from a language model. Uses the Chat Completions endpoint, which every
 * OpenAI-compatible server (Ollama, vLLM, LM Studio…) speaks, with a JSON-schema answer.
 * Throws on any failure; the caller turns that into a visible error.
 */
export async function aiSuggestions(config: AiConfig, input: { content: string; network?: NetworkId | null; limit: number }): Promise<HashtagSuggestion[]> {
  const provider = createOpenAI({
    // Local servers ignore the key, but the SDK insists on one.
    apiKey: config.apiKey ?? "not-needed",
    baseURL: config.baseURL,
    name: "hashtag-ai",
  });
  const { output } = await generateText({
    model: provider.chat(config.model),
    output: Output.object({ schema: answerSchema }),
    instructions:
      "You suggest hashtags for social media posts. Suggest specific, relevant hashtags a real audience follows; " +
      "no spaces, no generic filler like #love or #instagood. Answer with JSON only.",
    prompt: [
      `Network: ${input.network ?? "any"}`,
      `Number of hashtags: up to ${input.limit}`,
      "Post:",
      input.content.slice(0, 4_000),
    ].join("\n"),
    // Interactive: answer quickly without the model rather than wait for retries.
    maxRetries: 0,
    timeout: config.timeoutMs ?? 15_000,
  });
  const tags = output.hashtags.map((t) => toHashtag(t)).filter((t): t is string => t !== null);
  return tags.map((tag, index) => ({ tag, source: "ai" as const, score: Math.max(0.4, 0.75 - index * 0.03) }));
}
