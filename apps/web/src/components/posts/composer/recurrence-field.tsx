"use client";

import { RepeatIcon } from "lucide-react";
import { describeRecurrence, parseRecurrenceRule } from "@mg/scheduling";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { formatWeekday } from "~/lib/scheduling-ui";
import { recurrenceRuleOf, RECURRENCE_PRESETS, type RecurrencePreset, type ScheduleDraft } from "./composer-state";

const PRESET_LABELS: Record<RecurrencePreset, string> = {
  none: "Does not repeat",
  daily: "Every day",
  weekly: "Every week",
  monthly: "Every month",
  custom: "Custom (RRULE)…",
};

/** A rule's problem, or its plain-English meaning. */
export function recurrenceSummary(schedule: ScheduleDraft): { ok: true; text: string } | { ok: false; error: string } | null {
  const rule = recurrenceRuleOf(schedule);
  if (!rule) return null;
  const parsed = parseRecurrenceRule(rule);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, text: describeRecurrence(parsed.rule) };
}

export function RecurrenceField({ schedule, onChange, disabled }: { schedule: ScheduleDraft; onChange: (patch: Partial<ScheduleDraft>) => void; disabled?: boolean }) {
  const summary = recurrenceSummary(schedule);
  const weekday = schedule.date ? formatWeekday(schedule.date) : null;
  return (
    <div className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <FormField label="Repeat">
          {(control) => (
            <Select value={schedule.recurrence} onValueChange={(value) => onChange({ recurrence: value as RecurrencePreset })} disabled={disabled}>
              <SelectTrigger {...control} className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {RECURRENCE_PRESETS.map((preset) => (
                  <SelectItem key={preset} value={preset}>
                    {preset === "weekly" && weekday ? `Every week on ${weekday}` : preset === "monthly" && schedule.date ? `Every month on day ${Number(schedule.date.slice(8))}` : PRESET_LABELS[preset]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
        {schedule.recurrence !== "none" && schedule.recurrence !== "custom" ? (
          <FormField label="Times (optional)" error={schedule.count && !/^\d+$/.test(schedule.count) ? "A whole number" : undefined}>
            <Input inputMode="numeric" value={schedule.count} onChange={(e) => onChange({ count: e.target.value.trim() })} placeholder="No end" disabled={disabled} />
          </FormField>
        ) : null}
      </div>
      {schedule.recurrence === "custom" ? (
        <FormField label="Rule" description="An RFC 5545 RRULE without the start, e.g. FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8." error={summary && !summary.ok ? summary.error : undefined}>
          <Input value={schedule.customRule} onChange={(e) => onChange({ customRule: e.target.value })} placeholder="FREQ=WEEKLY;BYDAY=MO" spellCheck={false} autoCapitalize="characters" className="font-mono" disabled={disabled} />
        </FormField>
      ) : null}
      {summary?.ok ? (
        <p className="flex items-center gap-1.5 text-sm text-muted-foreground" data-testid="recurrence-summary">
          <RepeatIcon className="size-4" aria-hidden /> Repeats {summary.text}, at the same local time (DST included).
        </p>
      ) : null}
    </div>
  );
}
