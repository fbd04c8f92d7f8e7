"use client";

import { useState } from "react";
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { QueryStates } from "~/components/query-states";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { formatDateTime } from "../crm-ui";
import { SectionCard } from "../record-page";

type Explanation = inferRouterOutputs<AppRouter>["scoring"]["contactExplanation"][number];
type Entry = Explanation["entries"][number];

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function EntryRow({ entry }: { entry: Entry }) {
  return (
    <li className="flex items-start justify-between gap-3 py-2 text-sm">
      <div className="min-w-0">
        <p className="font-medium">{entry.ruleName ?? (entry.kind === "DECAY" ? "Decay" : "Adjustment")}</p>
        <p className="text-muted-foreground">{entry.reason}</p>
        <p className="text-xs text-muted-foreground">{formatDateTime(entry.occurredAt)}</p>
      </div>
      <span className={`shrink-0 tabular-nums font-semibold ${entry.points < 0 ? "text-destructive" : entry.points > 0 ? "text-primary" : "text-muted-foreground"}`}>{signed(entry.points)}</span>
    </li>
  );
}

/** Every entry of one score, newest first, a page at a time. */
function AllEntries({ contactId, scoreId }: { contactId: string; scoreId: string }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(trpc.scoring.contactExplanation.infiniteQueryOptions({ contactId, scoreId, limit: 20 }, { getNextPageParam: (last) => last[0]?.nextCursor ?? undefined }));
  const entries = (query.data?.pages ?? []).flatMap((p) => p[0]?.entries ?? []);
  return (
    <QueryStates query={query} loadingLabel="Loading score history" isEmpty={entries.length === 0} empty={<p className="text-sm text-muted-foreground">No entries.</p>}>
      <ul className="divide-y">
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <Button size="sm" variant="outline" className="mt-2" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Show older entries"}
        </Button>
      ) : null}
    </QueryStates>
  );
}

function ScoreBlock({ contactId, score }: { contactId: string; score: Explanation }) {
  const [all, setAll] = useState(false);
  const headingId = `score-${score.scoreId}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-sm font-medium">
          {score.label} {score.isPrimary ? <Badge variant="outline">primary</Badge> : null}
        </h3>
        <span className="text-2xl font-semibold tabular-nums" data-testid={`score-total-${score.label}`}>
          {score.total}
        </span>
      </div>
      {score.entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">No points yet: no rule of this score has applied to this contact.</p>
      ) : (
        <>
          <p className="text-xs text-muted-foreground">
            Why: {score.entryCount} {score.entryCount === 1 ? "entry" : "entries"} adding up to {score.ledgerSum}.
          </p>
          {all ? (
            <AllEntries contactId={contactId} scoreId={score.scoreId} />
          ) : (
            <ul className="divide-y">
              {score.entries.map((e) => (
                <EntryRow key={e.id} entry={e} />
              ))}
            </ul>
          )}
          {!all && score.entryCount > score.entries.length ? (
            <Button size="sm" variant="ghost" className="justify-self-start" onClick={() => setAll(true)}>
              Show all {score.entryCount} entries
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

function Prediction({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.scoring.contactPrediction.queryOptions({ contactId }));
  const data = query.data;
  return (
    <section aria-labelledby="prediction-heading" className="grid gap-1 border-t pt-3">
      <h3 id="prediction-heading" className="text-sm font-medium">
        Conversion prediction
      </h3>
      <QueryStates query={query} loadingLabel="Loading the prediction" rows={1} isEmpty={false} empty={null}>
        {data && data.available ? (
          <>
            <p className="text-sm">
              <span className="text-2xl font-semibold tabular-nums">{Math.round(data.probability * 100)} %</span> likely to convert
              <span className="text-xs text-muted-foreground"> (model AUC {data.auc?.toFixed(2) ?? "—"})</span>
            </p>
            {data.contributions.length > 0 ? (
              <ul className="grid gap-1 text-sm" aria-label="Top contributing features">
                {data.contributions.map((c) => (
                  <li key={c.key} className="flex justify-between gap-2">
                    <span>
                      {c.label} <span className="text-xs text-muted-foreground">({Number.isInteger(c.value) ? c.value : c.value.toFixed(1)})</span>
                    </span>
                    <span className={`tabular-nums ${c.contribution < 0 ? "text-destructive" : "text-primary"}`}>{c.contribution > 0 ? "▲" : "▼"} {Math.abs(c.contribution).toFixed(2)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-muted-foreground">
            {data?.status === "INSUFFICIENT_DATA" ? "Not enough conversions yet to train a model: the rules alone score this contact." : "No model trained yet: the rules alone score this contact."}
          </p>
        )}
      </QueryStates>
    </section>
  );
}

/** The contact's scores and why: each score's total with its ledger entries, and the model's prediction. */
export function ScorePanel({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const query = useQuery(trpc.scoring.contactExplanation.queryOptions({ contactId, limit: 5 }));
  const scores = query.data ?? [];
  return (
    <SectionCard title="Score">
      <div className="grid gap-4">
        <QueryStates
          query={query}
          loadingLabel="Loading scores"
          isEmpty={scores.length === 0}
          empty={
            <p className="text-sm text-muted-foreground">
              No scores defined.{" "}
              {can("scoring.manage") ? (
                <Link href={`/${slug}/settings/scoring`} className="underline">
                  Set up lead scoring
                </Link>
              ) : null}
            </p>
          }
        >
          {scores.map((s) => (
            <ScoreBlock key={s.scoreId} contactId={contactId} score={s} />
          ))}
        </QueryStates>
        <Prediction contactId={contactId} />
      </div>
    </SectionCard>
  );
}
