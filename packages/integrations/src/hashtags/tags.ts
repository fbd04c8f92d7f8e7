/** `#CamelCase` from words; null when nothing usable is left (no letter, or too long). */
export function toHashtag(words: string | readonly string[]): string | null {
  const parts = (typeof words === "string" ? [words] : words)
    .flatMap((w) => w.replace(/^#+/, "").split(/[^\p{L}\p{N}_]+/u))
    .filter((w) => w !== "");
  if (parts.length === 0) return null;
  const body = parts
    .map((w) => (parts.length === 1 && /\p{Lu}/u.test(w.slice(1)) ? w : w.charAt(0).toLocaleUpperCase("en-US") + w.slice(1)))
    .join("");
  if (!/\p{L}/u.test(body) || body.length > 60) return null;
  return `#${body}`;
}

/** Comparison key: case-insensitive, without the #. */
export function tagKey(tag: string): string {
  return tag.replace(/^#+/, "").toLocaleLowerCase("en-US");
}

/** Hashtags already written in the text (so they are not suggested again). */
export function tagsInText(text: string): Set<string> {
  return new Set([...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => tagKey(m[1] ?? "")));
}
