"use client";

import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Textarea } from "@mg/ui/textarea";
import { Combobox } from "~/components/combobox";
import { ScheduleProblemDialog, type ScheduleFix } from "~/components/posts/schedule-problem-dialog";
import { scheduleProblemOf, type ScheduleProblem } from "~/components/posts/schedule-problem";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { FormFailure } from "~/lib/form-failure";
import { timeZoneOptions } from "~/lib/locale-options";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

const UNASSIGNED = "__none";
const PRIORITIES = [
  { value: "HIGH", label: "High" },
  { value: "NORMAL", label: "Normal" },
  { value: "LOW", label: "Low" },
] as const;
type Priority = (typeof PRIORITIES)[number]["value"];

export interface TaskDraft {
  id: string;
  title: string;
  notes: string | null;
  timezone: string | null;
  localTime: string | null;
  assigneeUserId: string | null;
  priority: Priority;
}

/**
 * New task (optionally on a deal, contact or company) or edit of one. The due time is a date and
 * a wall-clock time in a chosen zone (the organization's by default); a time that does not exist
 * (clocks go forward) or happens twice (clocks go back) is answered by the API, and the same
 * dialog as for posts offers the next valid time or asks which one.
 */
export function TaskDialog({ open, onOpenChange, task, links }: { open: boolean; onOpenChange: (open: boolean) => void; task?: TaskDraft; links?: { dealId?: string; contactId?: string; companyId?: string; label?: string } }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{task ? "Edit task" : "New task"}</DialogTitle>
          <DialogDescription>{links?.label ? `On ${links.label}. ` : ""}The assignee is reminded in the app and by email at the due time.</DialogDescription>
        </DialogHeader>
        {open ? <TaskForm key={task?.id ?? "new"} task={task} links={links} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TaskForm({ task, links, onDone }: { task?: TaskDraft; links?: { dealId?: string; contactId?: string; companyId?: string }; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, user, can } = useOrg();
  const owners = useQuery(trpc.deals.owners.queryOptions());
  // Without a record to attach to (the tasks page), an open deal can be picked.
  const pickDeal = !task && !links && can("deals.read");
  const openDeals = useQuery({ ...trpc.deals.list.queryOptions({ status: "open", sort: "name", direction: "asc", limit: 200 }), enabled: pickDeal });
  const [dealId, setDealId] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneOptions(), []);
  const [title, setTitle] = useState(task?.title ?? "");
  const [notes, setNotes] = useState(task?.notes ?? "");
  const [date, setDate] = useState(task?.localTime?.slice(0, 10) ?? "");
  const [time, setTime] = useState(task?.localTime?.slice(11, 16) ?? "09:00");
  const [timezone, setTimezone] = useState<string | null>(task?.timezone ?? org.timezone);
  const [assignee, setAssignee] = useState<string>(task ? (task.assigneeUserId ?? UNASSIGNED) : user.id);
  const [priority, setPriority] = useState<Priority>(task?.priority ?? "NORMAL");
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [problem, setProblem] = useState<Exclude<ScheduleProblem, { kind: "past" }> | null>(null);
  const create = useMutation(trpc.tasks.create.mutationOptions());
  const update = useMutation(trpc.tasks.update.mutationOptions());
  const busy = create.isPending || update.isPending;

  async function save(fix?: ScheduleFix) {
    setFailure(null);
    const errors: Record<string, string | undefined> = {};
    if (!title.trim()) errors.title = "Name the task.";
    if (date && !time) errors.time = "Pick a time, or clear the date.";
    if (date && !timezone) errors.timezone = "Pick a time zone.";
    setFieldErrors(errors);
    if (Object.values(errors).some(Boolean)) return;
    const localTime = fix && "localTime" in fix ? fix.localTime : `${date}T${time}`;
    const due = date && timezone ? { timezone, localTime, ...(fix && "disambiguation" in fix ? { disambiguation: fix.disambiguation } : {}) } : null;
    const values = { title, notes: notes.trim() || null, due, assigneeUserId: assignee === UNASSIGNED ? null : assignee, priority };
    try {
      if (task) await update.mutateAsync({ taskId: task.id, ...values });
      else await create.mutateAsync({ ...values, ...(links ?? (dealId ? { dealId } : {})) });
      setProblem(null);
      toast.success(task ? "Task saved" : `Task “${title.trim()}” created`);
      await queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
      onDone();
    } catch (error) {
      const schedule = scheduleProblemOf(error);
      if (schedule && schedule.kind !== "past") {
        setProblem(schedule);
        return;
      }
      setProblem(null);
      const info = apiError(error);
      setFieldErrors(info.fieldErrors);
      setFailure(info);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="task-form">
      <FormFailure failure={failure} />
      <FormField label="Task" error={fieldErrors.title} required>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} placeholder="Call back about the spring order" autoFocus />
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Due date" description="Optional." error={fieldErrors.due}>
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </FormField>
        <FormField label="Time" error={fieldErrors.time}>
          <Input type="time" value={time} onChange={(e) => setTime(e.target.value)} disabled={!date} />
        </FormField>
      </div>
      <FormField label="Time zone" description="The due time is this zone’s wall-clock time." error={fieldErrors.timezone}>
        {(control) => <Combobox {...control} value={timezone} onChange={setTimezone} options={zones} placeholder="Search time zones" disabled={!date} />}
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Assignee" error={fieldErrors.assigneeUserId}>
          {(control) => (
            <Select value={assignee} onValueChange={setAssignee}>
              <SelectTrigger {...control} className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={UNASSIGNED}>Unassigned</SelectItem>
                {(owners.data?.people ?? [{ id: user.id, name: user.name, email: user.email }]).map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name ?? p.email}
                    {p.id === user.id ? " (you)" : ""}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
        <FormField label="Priority">
          {(control) => (
            <Select value={priority} onValueChange={(v) => setPriority(v as Priority)}>
              <SelectTrigger {...control} className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {PRIORITIES.map((p) => (
                  <SelectItem key={p.value} value={p.value}>
                    {p.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
      </div>
      {pickDeal ? (
        <FormField label="Deal" description="Optional. The task shows on the deal and its timeline." error={fieldErrors.dealId}>
          {(control) => (
            <Combobox
              {...control}
              value={dealId}
              onChange={setDealId}
              clearable
              placeholder={openDeals.isPending ? "Loading deals…" : "Search open deals"}
              emptyText="No open deal with that name"
              options={(openDeals.data?.deals ?? []).map((d) => ({ value: d.id, label: d.name, hint: d.stage.name }))}
            />
          )}
        </FormField>
      ) : null}
      <FormField label="Notes" error={fieldErrors.notes}>
        <Textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={5000} />
      </FormField>
      <FormDialogFooter onCancel={onDone} busy={busy} submitLabel={task ? "Save" : "Create task"} />
      <ScheduleProblemDialog problem={problem} timezone={timezone ?? org.timezone} busy={busy} onResolve={(fix) => void save(fix)} onCancel={() => setProblem(null)} />
    </form>
  );
}
