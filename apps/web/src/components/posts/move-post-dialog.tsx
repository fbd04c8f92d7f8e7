"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { zoneDescription, combine, datePart, isPlainDate, timePart } from "~/lib/scheduling-ui";

/**
 * The keyboard (and small-screen) alternative to dragging a post: pick the day and time in the
 * organization's zone. The caller resolves it with the same DST rules as a drop.
 */
export function MovePostDialog({
  open,
  onOpenChange,
  timezone,
  currentLocalTime,
  postLabel,
  onMove,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  timezone: string;
  /** The post's time now, "YYYY-MM-DDTHH:mm" in `timezone`. */
  currentLocalTime: string;
  postLabel: string;
  onMove: (localTime: string) => Promise<unknown>;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {/* Remounted per opening, so the fields start from the post's current time. */}
        {open ? <MoveForm timezone={timezone} currentLocalTime={currentLocalTime} postLabel={postLabel} onMove={onMove} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function MoveForm({ timezone, currentLocalTime, postLabel, onMove, onDone }: { timezone: string; currentLocalTime: string; postLabel: string; onMove: (localTime: string) => Promise<unknown>; onDone: () => void }) {
  const [date, setDate] = useState(datePart(currentLocalTime));
  const [time, setTime] = useState(timePart(currentLocalTime));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ date?: string; time?: string }>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = { date: isPlainDate(date) ? undefined : "Pick a day.", time: /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? undefined : "Pick a time." };
    setErrors(next);
    if (next.date || next.time) return;
    setBusy(true);
    await onMove(combine(date, time));
    setBusy(false);
    // A DST question (or an error toast) takes over from here; the dialog's job is done either way.
    onDone();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Move post</DialogTitle>
        <DialogDescription className="line-clamp-2">{postLabel}</DialogDescription>
      </DialogHeader>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Day" error={errors.date}>
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </FormField>
        <FormField label="Time" error={errors.time}>
          <Input type="time" value={time} onChange={(e) => setTime(e.target.value)} step={60} />
        </FormField>
      </div>
      <p className="text-sm text-muted-foreground">Times in {zoneDescription(timezone)}</p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" loading={busy}>
          Move
        </Button>
      </DialogFooter>
    </form>
  );
}
