"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ListTodoIcon, PlusIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { TaskDialog, type TaskDraft } from "./task-dialog";
import { TaskItem, type TaskView } from "./task-item";

function draftOf(task: TaskView): TaskDraft {
  return { id: task.id, title: task.title, notes: task.notes, timezone: task.timezone, localTime: task.localTime, assigneeUserId: task.assigneeUserId, priority: task.priority };
}

function Group({ title, tasks, overdue, empty, onEdit }: { title: string; tasks: TaskView[]; overdue?: boolean; empty: string; onEdit: (task: TaskView) => void }) {
  const id = `tasks-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="grid gap-2" data-testid={id}>
      <h2 id={id} className="flex items-baseline gap-2 text-base font-semibold">
        {title} <span className="text-sm font-normal text-muted-foreground tabular-nums">{tasks.length}</span>
      </h2>
      {tasks.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ul className="grid gap-2">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} overdue={overdue} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** /[org]/tasks: my open tasks — overdue, today (the organization's day), upcoming — and today's done ones. */
export function TasksView() {
  const trpc = useTRPC();
  const { org, can } = useOrg();
  const mine = useQuery(trpc.tasks.mine.queryOptions({ includeDoneDays: 1 }));
  const [dialog, setDialog] = useState<{ open: boolean; task?: TaskDraft }>({ open: false });
  const onEdit = (task: TaskView) => setDialog({ open: true, task: draftOf(task) });

  const header = (
    <PageHeader
      title="My tasks"
      description={`Due times are shown in each task’s zone; “today” is the day in ${org.timezone}. Reminders go out in the app and by email at the due time.`}
      actions={
        can("tasks.create") ? (
          <Button onClick={() => setDialog({ open: true })}>
            <PlusIcon aria-hidden /> New task
          </Button>
        ) : null
      }
    />
  );

  let body;
  if (mine.isError)
    body = (
      <Alert variant="destructive">
        <AlertDescription>{apiError(mine.error).message}</AlertDescription>
      </Alert>
    );
  else if (mine.isPending)
    body = (
      <div className="grid gap-2" role="status" aria-label="Loading tasks">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-14" />
        ))}
      </div>
    );
  else {
    const { overdue, today, upcoming, done } = mine.data;
    body =
      overdue.length + today.length + upcoming.length + done.length === 0 ? (
        <EmptyState
          icon={<ListTodoIcon aria-hidden />}
          title="Nothing on your list"
          description="Tasks assigned to you appear here, grouped by when they are due."
          action={can("tasks.create") ? <Button onClick={() => setDialog({ open: true })}>Create a task</Button> : null}
        />
      ) : (
        <div className="grid gap-8">
          <Group title="Overdue" tasks={overdue} overdue empty="Nothing overdue." onEdit={onEdit} />
          <Group title="Today" tasks={today} empty="Nothing else due today." onEdit={onEdit} />
          <Group title="Upcoming" tasks={upcoming} empty="Nothing planned yet." onEdit={onEdit} />
          {done.length > 0 ? <Group title="Done recently" tasks={done} empty="" onEdit={onEdit} /> : null}
        </div>
      );
  }

  return (
    <div className="grid gap-6">
      {header}
      {body}
      <TaskDialog open={dialog.open} onOpenChange={(open) => setDialog({ open })} task={dialog.task} />
    </div>
  );
}
