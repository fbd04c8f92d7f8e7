"use client";

import { useState } from "react";
import { formatZoned } from "@mg/scheduling";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { formatLocalDateTimeLong } from "~/lib/scheduling-ui";
import type { ScheduleProblem } from "./schedule-problem";

export type ScheduleFix = { localTime: string } | { disambiguation: "earlier" | "later" };

/**
 * What to do when the chosen wall-clock time does not exist (spring forward) or happens twice
 * (fall back): the API's explanation, then the first valid time or a choice between the two
 * instants — never a silent shift.
 */
export function ScheduleProblemDialog({
  problem,
  timezone,
  onResolve,
  onCancel,
  busy = false,
}: {
  problem: Exclude<ScheduleProblem, { kind: "past" }> | null;
  timezone: string;
  onResolve: (fix: ScheduleFix) => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  return (
    <Dialog open={problem !== null} onOpenChange={(open) => !open && !busy && onCancel()}>
      <DialogContent data-testid="schedule-problem-dialog">
        {problem?.kind === "gap" ? <GapBody problem={problem} timezone={timezone} busy={busy} onResolve={onResolve} onCancel={onCancel} /> : null}
        {problem?.kind === "ambiguous" ? <AmbiguousBody problem={problem} timezone={timezone} busy={busy} onResolve={onResolve} onCancel={onCancel} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function GapBody({ problem, timezone, busy, onResolve, onCancel }: { problem: Extract<ScheduleProblem, { kind: "gap" }>; timezone: string; busy: boolean; onResolve: (fix: ScheduleFix) => void; onCancel: () => void }) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>That time does not exist</DialogTitle>
        <DialogDescription>{problem.message}</DialogDescription>
      </DialogHeader>
      <p className="rounded-md border bg-muted/50 px-3 py-2 text-sm">
        Suggested: <strong>{formatLocalDateTimeLong(problem.suggestion.localTime)}</strong>{" "}
        <span className="text-muted-foreground">({formatZoned(new Date(problem.suggestion.scheduledAt), timezone)})</span>
      </p>
      <DialogFooter>
        <Button variant="outline" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={() => onResolve({ localTime: problem.suggestion.localTime })} loading={busy}>
          Use {problem.suggestion.localTime.slice(11)} instead
        </Button>
      </DialogFooter>
    </>
  );
}

function AmbiguousBody({
  problem,
  timezone,
  busy,
  onResolve,
  onCancel,
}: {
  problem: Extract<ScheduleProblem, { kind: "ambiguous" }>;
  timezone: string;
  busy: boolean;
  onResolve: (fix: ScheduleFix) => void;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState<"earlier" | "later">("earlier");
  return (
    <>
      <DialogHeader>
        <DialogTitle>That time happens twice</DialogTitle>
        <DialogDescription>{problem.message}</DialogDescription>
      </DialogHeader>
      <fieldset className="grid gap-2">
        <legend className="sr-only">Which one?</legend>
        {problem.options.map((option) => (
          <label key={option.disambiguation} className="flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 text-sm has-checked:border-primary has-checked:bg-primary/5">
            <input type="radio" name="disambiguation" value={option.disambiguation} checked={choice === option.disambiguation} onChange={() => setChoice(option.disambiguation)} className="accent-primary" />
            <span className="grid">
              <span className="font-medium">
                {option.disambiguation === "earlier" ? "The first one" : "The second one"} — {option.zoneName} (UTC{option.offset})
              </span>
              <span className="text-muted-foreground">{formatZoned(new Date(option.scheduledAt), timezone)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <DialogFooter>
        <Button variant="outline" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={() => onResolve({ disambiguation: choice })} loading={busy}>
          Schedule it
        </Button>
      </DialogFooter>
    </>
  );
}
