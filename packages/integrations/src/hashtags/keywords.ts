import model from "wink-eng-lite-web-model";
import winkNLP, { type ItemEntity, type ItemSentence, type ItemToken, type ItsFunction } from "wink-nlp";
import { tagKey, tagsInText, toHashtag } from "./tags";
import type { HashtagSuggestion } from "./types";

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

// Loading the model takes a moment; do it once, on first use.
function engine(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

// Entity types that make poor hashtags (dates, amounts, contacts…).
const SKIP_ENTITIES = new Set(["DATE", "TIME", "DURATION", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "EMAIL", "URL", "MENTION", "HASHTAG", "EMOJI", "EMOTICON", "PHONE"]);

// Generic nouns that say nothing about a post.
const GENERIC = new Set(["thing", "things", "way", "day", "today", "time", "people", "everyone", "something", "anything", "lot", "bit", "week", "year", "link", "bio", "post"]);

/**
 * Offline keywords: runs of proper nouns (names, brands, places) as one tag, nouns and noun
 * compounds, and named entities. Weighted by frequency; proper nouns count more. Scores 0.3–0.8.
 */
export function keywordSuggestions(content: string): HashtagSuggestion[] {
  const text = content.trim();
  if (text === "") return [];
  const nlp = engine();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const existing = tagsInText(text);
  const weights = new Map<string, { tag: string; weight: number }>();

  const add = (words: string[], weight: number) => {
    const tag = toHashtag(words);
    if (!tag) return;
    const key = tagKey(tag);
    if (existing.has(key) || key.length < 3 || GENERIC.has(key)) return;
    const entry = weights.get(key) ?? { tag, weight: 0 };
    entry.weight += weight;
    weights.set(key, entry);
  };

  doc.sentences().each((sentence: ItemSentence) => {
    const tokens: { text: string; pos: string; stop: boolean; type: string; lemma: string; inSkippedEntity: boolean }[] = [];
    sentence.tokens().each((t: ItemToken) => {
      const entity = t.parentEntity();
      tokens.push({
        inSkippedEntity: entity !== undefined && SKIP_ENTITIES.has(String(entity.out(its.type))),
        text: String(t.out()),
        pos: String(t.out(its.pos)),
        stop: Boolean(t.out(its.stopWordFlag)),
        type: String(t.out(its.type)),
        // wink-nlp declares `its.lemma` with an addons parameter that its own `out()` type does not accept.
        lemma: String(t.out(its.lemma as unknown as ItsFunction<string>)),
      });
    });
    let run: typeof tokens = [];
    let runStart = 0;
    const flush = () => {
      // A capitalised word opening a sentence ("Fresh bread…", "Visit…") is rarely a name.
      if (runStart === 0 && run[0]?.pos === "PROPN" && run[1]?.pos !== "PROPN") run = run.slice(1);
      if (run.length === 0) return;
      const hasProper = run.some((t) => t.pos === "PROPN");
      if (run.length >= 2 && run.length <= 4) add(run.map((t) => t.text), hasProper ? 2 : 1.2);
      for (const t of run) {
        if (t.pos === "NOUN") add([t.lemma], 1);
        else if (run.length === 1) add([t.text], 1.5);
      }
      run = [];
    };
    tokens.forEach((t, i) => {
      const nounish = (t.pos === "NOUN" || t.pos === "PROPN") && t.type === "word" && !t.stop && !t.inSkippedEntity;
      if (nounish) {
        if (run.length === 0) runStart = i;
        run.push(t);
      } else {
        flush();
      }
    });
    flush();
  });

  doc.entities().each((entity: ItemEntity) => {
    const detail = entity.out(its.detail) as unknown as { value?: string; type?: string };
    if (detail.type && !SKIP_ENTITIES.has(detail.type) && detail.value) add(detail.value.split(/\s+/), 1.5);
  });

  const ranked = [...weights.values()];
  const top = Math.max(0, ...ranked.map((e) => e.weight));
  return ranked.map((e) => ({ tag: e.tag, source: "keywords" as const, score: 0.3 + 0.5 * (e.weight / top) }));
}
