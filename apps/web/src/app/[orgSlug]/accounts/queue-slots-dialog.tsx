"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ClockIcon, GlobeIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { wallClockTimeSchema } from "@mg/api/schemas";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { Input } from "@mg/ui/input";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { WEEKDAY_LONG, WEEKDAY_SHORT } from "../campaigns/dates";

const key = (weekday: number, time: string) => `${weekday}@${time}`;
const PRESET_TIMES = ["09:00", "12:30", "17:00"];

/**
 * The weekly posting slots of one account ("Mondays 09:00"): "Add to queue" in the composer picks
 * the next free one. Times are wall-clock times in the organization's zone, so 09:00 stays 09:00
 * across daylight-saving changes.
 */
export function QueueSlotsDialog({ account, open, onOpenChange }: { account: { id: string; name: string }; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Posting times for {account.name}</DialogTitle>
          <DialogDescription>Posts added to the queue take the next free slot. Tick the days each time applies to.</DialogDescription>
        </DialogHeader>
        {open ? <SlotsEditor accountId={account.id} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function SlotsEditor({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, can } = useOrg();
  const editable = can("accounts.manage");
  const slots = useQuery(trpc.queueSlots.list.queryOptions({ accountId }));
  const save = useMutation(trpc.queueSlots.set.mutationOptions());
  // Null until the user changes something: until then the saved slots are shown as they are.
  const [draft, setDraft] = useState<{ selected: Set<string>; times: string[] } | null>(null);
  const [newTime, setNewTime] = useState("");
  const [timeError, setTimeError] = useState<string | null>(null);

  if (slots.isPending) {
    return (
      <div className="grid gap-2" role="status" aria-busy aria-label="Loading posting times">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-9" />
        ))}
      </div>
    );
  }
  if (slots.isError) {
    return (
      <Alert variant="destructive">
        <AlertDescription>{apiError(slots.error).message}</AlertDescription>
      </Alert>
    );
  }

  const saved = { selected: new Set(slots.data.map((s) => key(s.weekday, s.localTime))), times: [...new Set(slots.data.map((s) => s.localTime))].sort() };
  const state = draft ?? saved;
  const update = (next: { selected: Set<string>; times: string[] }) => setDraft({ selected: next.selected, times: [...new Set(next.times)].sort() });

  function toggle(weekday: number, time: string) {
    const selected = new Set(state.selected);
    const k = key(weekday, time);
    if (selected.has(k)) selected.delete(k);
    else selected.add(k);
    update({ selected, times: state.times });
  }

  function addTime(event?: FormEvent) {
    event?.preventDefault();
    const parsed = wallClockTimeSchema.safeParse(newTime);
    if (!parsed.success) {
      setTimeError(parsed.error.issues[0]?.message ?? "Use a time such as 09:30.");
      return;
    }
    setTimeError(null);
    const selected = new Set(state.selected);
    // A new time starts on weekdays — the most common choice — and is easy to change.
    if (!state.times.includes(parsed.data)) for (let d = 1; d <= 5; d++) selected.add(key(d, parsed.data));
    update({ selected, times: [...state.times, parsed.data] });
    setNewTime("");
  }

  function removeTime(time: string) {
    const selected = new Set([...state.selected].filter((k) => !k.endsWith(`@${time}`)));
    update({ selected, times: state.times.filter((t) => t !== time) });
  }

  function applyPreset() {
    const selected = new Set<string>();
    for (const time of PRESET_TIMES) for (let d = 1; d <= 5; d++) selected.add(key(d, time));
    update({ selected, times: PRESET_TIMES });
  }

  async function onSave() {
    const list = [...state.selected].map((k) => {
      const [weekday, localTime] = k.split("@");
      return { weekday: Number(weekday), localTime: localTime ?? "" };
    });
    try {
      await save.mutateAsync({ accountId, slots: list });
      await queryClient.invalidateQueries({ queryKey: trpc.queueSlots.list.queryKey({ accountId }) });
      toast.success(list.length ? `Saved ${list.length} weekly ${list.length === 1 ? "slot" : "slots"}` : "Queue slots cleared");
      onDone();
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const count = state.selected.size;

  return (
    <div className="grid gap-4" data-testid="queue-slots-editor">
      <p className="inline-flex items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
        <GlobeIcon className="size-4 shrink-0" aria-hidden />
        <span>
          Times are in <strong className="font-medium text-foreground">{org.timezone}</strong>, the organization’s time zone.
        </span>
      </p>

      {state.times.length === 0 ? (
        <div className="grid justify-items-center gap-3 rounded-lg border border-dashed p-6 text-center">
          <ClockIcon className="size-6 text-muted-foreground" aria-hidden />
          <p className="text-sm text-muted-foreground">No posting times yet. Add a time below, or start from a common schedule.</p>
          {editable ? (
            <Button type="button" variant="outline" size="sm" onClick={applyPreset}>
              Weekdays at 09:00, 12:30 and 17:00
            </Button>
          ) : null}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-sm">
            <caption className="sr-only">Weekly posting slots: one row per time, one column per weekday</caption>
            <thead className="bg-muted/50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Time
                </th>
                {WEEKDAY_SHORT.map((d, i) => (
                  <th key={d} scope="col" className="px-1 py-2 text-center font-medium">
                    <abbr title={WEEKDAY_LONG[i]} className="no-underline">
                      {d}
                    </abbr>
                  </th>
                ))}
                <th scope="col" className="w-10">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.times.map((time) => (
                <tr key={time} className="border-t">
                  <th scope="row" className="px-3 py-2 text-left font-medium tabular-nums">
                    {time}
                  </th>
                  {WEEKDAY_LONG.map((day, i) => (
                    <td key={day} className="px-1 py-2 text-center">
                      <input
                        type="checkbox"
                        className="size-4 cursor-pointer accent-primary disabled:cursor-not-allowed"
                        checked={state.selected.has(key(i + 1, time))}
                        onChange={() => toggle(i + 1, time)}
                        disabled={!editable}
                        aria-label={`${day} at ${time}`}
                      />
                    </td>
                  ))}
                  <td className="pr-2 text-right">
                    {editable ? (
                      <Button type="button" variant="ghost" size="icon-sm" onClick={() => removeTime(time)} aria-label={`Remove ${time}`}>
                        <Trash2Icon aria-hidden />
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {editable ? (
        <form onSubmit={addTime} className="flex flex-wrap items-start gap-2" noValidate>
          <div className="grid gap-1">
            <label htmlFor="new-slot-time" className="sr-only">
              New posting time
            </label>
            <Input id="new-slot-time" type="time" value={newTime} onChange={(e) => setNewTime(e.target.value)} className="w-36" aria-invalid={timeError ? true : undefined} aria-describedby={timeError ? "new-slot-time-error" : undefined} />
            {timeError ? (
              <p id="new-slot-time-error" className="text-sm font-medium text-destructive">
                {timeError}
              </p>
            ) : null}
          </div>
          <Button type="submit" variant="outline">
            <PlusIcon aria-hidden /> Add time
          </Button>
        </form>
      ) : (
        <p className="text-sm text-muted-foreground">Only people who manage accounts can change posting times.</p>
      )}

      <DialogFooter className="items-center sm:justify-between">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {count} {count === 1 ? "slot" : "slots"} per week
        </p>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button type="button" variant="outline" onClick={onDone}>
            {editable ? "Cancel" : "Close"}
          </Button>
          {editable ? (
            <Button type="button" onClick={() => void onSave()} loading={save.isPending} disabled={draft === null}>
              Save posting times
            </Button>
          ) : null}
        </div>
      </DialogFooter>
    </div>
  );
}
