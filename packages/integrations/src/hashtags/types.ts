import type { NetworkId } from "../types";

export type HashtagSource = "history" | "keywords" | "ai";

export interface HashtagSuggestion {
  /** `#CamelCase`. */
  tag: string;
  source: HashtagSource;
  /** 0–1, comparable across sources. */
  score: number;
}

export interface HashtagSuggestInput {
  content: string;
  /** The organization's past posts: their tags and engagement rate. */
  history: { tags: string[]; engagementRate: number }[];
  network?: NetworkId | null;
  limit: number;
}

export interface HashtagSuggestResult {
  suggestions: HashtagSuggestion[];
  ai: { configured: boolean; error: string | null };
}
