"use client";

import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { BrainCircuitIcon, HashIcon, HistoryIcon, SparklesIcon, TextSearchIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import type { NetworkId } from "../types";
import { hashtagAiNote, type HashtagAiStatus } from "./hashtag-ai-note";

/** The suggestions API reads the start of a text (its schema takes up to 10,000 characters): plenty for hashtags. */
const SUGGEST_TEXT_LIMIT = 10_000;

const SOURCE = {
  history: { label: "Your history", icon: HistoryIcon, hint: "Went with higher engagement on your past posts" },
  keywords: { label: "Keywords", icon: TextSearchIcon, hint: "Taken from the words of this post" },
  ai: { label: "AI", icon: BrainCircuitIcon, hint: "Suggested by the configured AI model" },
} as const;

function AiNote({ ai }: { ai: HashtagAiStatus }) {
  const note = hashtagAiNote(ai);
  return (
    <p className={note.tone === "warning" ? "text-xs text-warning" : "text-xs text-muted-foreground"} data-testid="hashtag-ai-status" data-ai-used={ai.used}>
      {note.text}
    </p>
  );
}

/**
 * Hashtags for the text being written, asked for on demand. Each suggestion says where it came
 * from; when AI was not asked (the plan lacks it, no model is configured) or it failed, the user
 * is told why, not left guessing.
 */
export function HashtagSuggestions({ text, network, onPick, disabled }: { text: string; network?: NetworkId; onPick: (tag: string) => void; disabled?: boolean }) {
  const trpc = useTRPC();
  const [asked, setAsked] = useState<{ content: string; network?: NetworkId } | null>(null);
  const suggestions = useQuery({
    ...trpc.hashtags.suggest.queryOptions(asked ?? { content: "" }),
    enabled: asked !== null,
    staleTime: 5 * 60_000,
  });
  const hasSuggestions = Boolean(suggestions.data);
  // Which tags the text already has: only needed once there are suggestions, not on every keystroke before.
  const present = useMemo(() => (hasSuggestions ? new Set((text.match(/#[\p{L}\p{N}_]+/gu) ?? []).map((t) => t.toLowerCase())) : new Set<string>()), [text, hasSuggestions]);
  const tooShort = text.trim().length < 3;

  return (
    <div className="grid gap-2" data-testid="hashtag-suggestions">
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" size="sm" disabled={disabled || tooShort} onClick={() => setAsked({ content: text.slice(0, SUGGEST_TEXT_LIMIT), network })} loading={suggestions.isFetching}>
          <SparklesIcon aria-hidden /> {asked ? "Refresh hashtags" : "Suggest hashtags"}
        </Button>
        {tooShort && !asked ? <span className="text-xs text-muted-foreground">Write a few words first.</span> : null}
      </div>
      {asked && suggestions.isPending ? (
        <div className="flex gap-2" role="status" aria-busy aria-label="Loading suggestions">
          <Skeleton className="h-7 w-20" />
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-7 w-16" />
        </div>
      ) : null}
      {suggestions.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(suggestions.error).message}</AlertDescription>
        </Alert>
      ) : null}
      {suggestions.data ? (
        <>
          {suggestions.data.suggestions.length === 0 ? <p className="text-sm text-muted-foreground">No suggestions for this text yet.</p> : null}
          <ul className="flex flex-wrap gap-1.5" aria-label="Suggested hashtags">
            {suggestions.data.suggestions.map((s) => {
              const source = SOURCE[s.source];
              const Icon = source.icon;
              const used = present.has(s.tag.toLowerCase());
              return (
                <li key={`${s.source}-${s.tag}`}>
                  <button
                    type="button"
                    disabled={disabled || used}
                    onClick={() => onPick(s.tag)}
                    title={`${source.hint}${used ? " · already in the text" : ""}`}
                    className="inline-flex items-center gap-1 rounded-full border bg-background px-2.5 py-1 text-xs outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50"
                  >
                    <HashIcon className="size-3 text-muted-foreground" aria-hidden />
                    {s.tag.replace(/^#/, "")}
                    <span className="ml-1 inline-flex items-center gap-0.5 text-muted-foreground">
                      <Icon className="size-3" aria-hidden />
                      <span className="sr-only sm:not-sr-only">{source.label}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <AiNote ai={suggestions.data.ai} />
        </>
      ) : null}
    </div>
  );
}
