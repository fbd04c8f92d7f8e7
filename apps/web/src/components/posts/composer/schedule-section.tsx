"use client";

import { useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { CalendarCheckIcon, ClockIcon, SparklesIcon } from "lucide-react";
import { toast } from "sonner";
import { formatZoned, toLocalTime } from "@mg/scheduling";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { apiError } from "~/lib/errors";
import { formatRelative } from "~/lib/format";
import { addDays, combine, datePart, hourLabel, hourOf, isoWeekday, isPlainDate, timePart, todayIn, type PlainDate } from "~/lib/scheduling-ui";
import { useTRPC } from "~/trpc/client";
import { accountLabel } from "../network-badge";
import type { SocialAccountView } from "../types";
import { ZoneNote } from "../zone-note";
import { hasScheduleTime, type ScheduleDraft } from "./composer-state";
import { RecurrenceField } from "./recurrence-field";

const TIME_REGEX = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The next date (today included, if the hour is still ahead) that falls on an ISO weekday. */
function nextDateOn(weekday: number, hour: number, today: PlainDate, nowHour: number): PlainDate {
  let offset = (weekday - isoWeekday(today) + 7) % 7;
  if (offset === 0 && hour <= nowHour) offset = 7;
  return addDays(today, offset);
}

/**
 * posts.resolveTime for the form's date and time: does it exist once, twice or not at all in
 * the zone? Used by the section (to explain) and by the composer (to enable "Schedule").
 */
export function useScheduleResolution(schedule: ScheduleDraft, timezone: string) {
  const trpc = useTRPC();
  const complete = hasScheduleTime(schedule) && isPlainDate(schedule.date) && TIME_REGEX.test(schedule.time);
  const localTime = complete ? combine(schedule.date, schedule.time) : "";
  const query = useQuery({
    ...trpc.posts.resolveTime.queryOptions({ timezone, localTime }),
    enabled: complete,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const result = complete && !query.isPlaceholderData ? query.data : undefined;
  /** Whether the chosen time can be used as it stands. */
  const ready = result?.kind === "ok" || (result?.kind === "ambiguous" && schedule.disambiguation !== null);
  return { complete, localTime, result, ready, error: query.error, pending: complete && !result && !query.isError };
}

/**
 * Date and time in the organization's zone (always named), checked live against the zone's DST
 * rules: a time that does not exist is refused with the first valid one, a time that happens twice
 * asks which. Plus the shortcuts: next free queue slot and the best times for the account.
 */
export function ScheduleSection({
  schedule,
  onChange,
  timezone,
  now,
  accounts,
  readOnly,
}: {
  schedule: ScheduleDraft;
  onChange: (patch: Partial<ScheduleDraft>) => void;
  timezone: string;
  now: Date;
  /** The chosen accounts (queue slots and best times are theirs). */
  accounts: readonly SocialAccountView[];
  readOnly: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [findingSlot, setFindingSlot] = useState(false);
  const [bestFor, setBestFor] = useState<string | null>(null);
  const { result, error: resolveError } = useScheduleResolution(schedule, timezone);
  const bestAccountId = bestFor ?? accounts[0]?.id ?? null;
  const best = useQuery({ ...trpc.posts.optimalTimes.queryOptions({ accountId: bestAccountId ?? "" }), enabled: bestAccountId !== null && !readOnly, staleTime: 10 * 60_000 });
  const today = todayIn(timezone, now);
  const nowHour = hourOf(toLocalTime(now, timezone));

  async function nextFree() {
    if (accounts.length === 0) {
      toast.error("Choose at least one account first: queue slots belong to accounts.");
      return;
    }
    setFindingSlot(true);
    try {
      const slot = await queryClient.fetchQuery({ ...trpc.queueSlots.nextFree.queryOptions({ accountIds: accounts.map((a) => a.id) }), staleTime: 0 });
      if (!slot) toast.info("No free queue slot in the coming weeks. Add queue slots on the Accounts page, or pick a time.");
      else {
        onChange({ date: datePart(slot.localTime), time: timePart(slot.localTime), disambiguation: null });
        toast.success(`Next free slot: ${formatZoned(slot.scheduledAt, timezone)}`);
      }
    } catch (error) {
      toast.error(apiError(error).message);
    } finally {
      setFindingSlot(false);
    }
  }

  return (
    <div className="grid gap-4">
      <ZoneNote timezone={timezone} now={now} prefix="Scheduled in" />
      <div className="grid grid-cols-2 gap-3">
        <FormField label="Date">
          <Input type="date" value={schedule.date} min={today} onChange={(e) => onChange({ date: e.target.value, disambiguation: null })} readOnly={readOnly} />
        </FormField>
        <FormField label="Time">
          <Input type="time" value={schedule.time} step={60} onChange={(e) => onChange({ time: e.target.value, disambiguation: null })} readOnly={readOnly} />
        </FormField>
      </div>

      {result?.kind === "ok" ? (
        <p className="flex items-start gap-1.5 text-sm text-muted-foreground" data-testid="resolved-time" aria-live="polite">
          <ClockIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            Goes out <span className="font-medium text-foreground">{formatZoned(result.scheduledAt, timezone)}</span> (UTC{result.offset}) · {formatRelative(result.scheduledAt, now.getTime())}
            {!readOnly && result.scheduledAt.getTime() < now.getTime() - 60_000 ? <span className="block text-warning">That time has passed — pick a later one, or publish now.</span> : null}
          </span>
        </p>
      ) : null}
      {result?.kind === "gap" ? (
        <Alert variant="warning" data-testid="dst-gap">
          <AlertTitle>This time does not exist in {timezone}</AlertTitle>
          <AlertDescription className="grid gap-2">
            <span>{result.message}</span>
            {readOnly ? null : (
              <Button type="button" size="sm" variant="outline" className="justify-self-start" onClick={() => onChange({ date: datePart(result.suggestion.localTime), time: timePart(result.suggestion.localTime), disambiguation: null })}>
                Use {timePart(result.suggestion.localTime)} instead
              </Button>
            )}
          </AlertDescription>
        </Alert>
      ) : null}
      {result?.kind === "ambiguous" ? (
        <Alert variant="warning" data-testid="dst-ambiguous">
          <AlertTitle>This time happens twice</AlertTitle>
          <AlertDescription className="grid gap-2">
            <span>{result.message}</span>
            <fieldset className="grid gap-1.5">
              <legend className="sr-only">Which one?</legend>
              {result.options.map((option) => (
                <label key={option.disambiguation} className="flex cursor-pointer items-center gap-2 text-foreground">
                  <input type="radio" name="schedule-disambiguation" className="accent-primary" checked={schedule.disambiguation === option.disambiguation} onChange={() => onChange({ disambiguation: option.disambiguation })} disabled={readOnly} />
                  {option.disambiguation === "earlier" ? "Earlier" : "Later"}: {formatZoned(option.scheduledAt, timezone)} (UTC{option.offset})
                </label>
              ))}
            </fieldset>
          </AlertDescription>
        </Alert>
      ) : null}
      {resolveError ? <p className="text-sm text-destructive">{apiError(resolveError).message}</p> : null}

      {readOnly ? null : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="outline" size="sm" onClick={() => void nextFree()} loading={findingSlot}>
            <CalendarCheckIcon aria-hidden /> Next free slot
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button type="button" variant="outline" size="sm" disabled={accounts.length === 0}>
                <SparklesIcon aria-hidden /> Best times
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start" className="w-72">
              {accounts.length > 1 ? (
                <>
                  <DropdownMenuLabel className="text-xs text-muted-foreground">For account</DropdownMenuLabel>
                  {accounts.map((a) => (
                    <DropdownMenuItem key={a.id} onSelect={(e) => { e.preventDefault(); setBestFor(a.id); }} className={a.id === bestAccountId ? "font-semibold" : undefined}>
                      {accountLabel(a)}
                    </DropdownMenuItem>
                  ))}
                  <DropdownMenuSeparator />
                </>
              ) : null}
              <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
                {best.data ? (best.data.source === "history" ? "From your own engagement history" : "Network defaults — there is not enough history yet") : "Loading…"}
              </DropdownMenuLabel>
              {best.isError ? <p className="px-2 py-1.5 text-sm text-destructive">{apiError(best.error).message}</p> : null}
              {(best.data?.slots ?? []).map((slot) => (
                <DropdownMenuItem
                  key={`${slot.weekday}-${slot.hour}`}
                  onSelect={() => onChange({ date: nextDateOn(slot.weekday, slot.hour, today, nowHour), time: hourLabel(slot.hour), disambiguation: null })}
                >
                  <span className="flex-1">
                    {WEEKDAYS[slot.weekday - 1]} {hourLabel(slot.hour)}
                  </span>
                  <span className="text-xs text-muted-foreground tabular-nums">{Math.round(slot.score * 100)}%</span>
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      )}

      <RecurrenceField schedule={schedule} onChange={onChange} disabled={readOnly} />
    </div>
  );
}
