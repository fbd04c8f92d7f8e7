"use client";

import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { PencilIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import type { AppRouter } from "@mg/api";
import { formatZoned } from "@mg/scheduling";
import { Badge } from "@mg/ui/badge";
import { DropdownMenuItem } from "@mg/ui/dropdown-menu";
import { cn } from "@mg/ui/lib/utils";
import { RowActionsMenu } from "~/components/row-actions-menu";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

export type TaskView = inferRouterOutputs<AppRouter>["tasks"]["mine"]["today"][number];

/** Done / not done with undo, delete with undo: one hook for every task list. */
export function useTaskActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const complete = useMutation(trpc.tasks.complete.mutationOptions());
  const reopen = useMutation(trpc.tasks.reopen.mutationOptions());
  const remove = useMutation(trpc.tasks.delete.mutationOptions());
  const restore = useMutation(trpc.tasks.restore.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
  async function run(work: () => Promise<unknown>, message: string | null, undo?: () => Promise<unknown>) {
    try {
      await work();
      if (message) toast.success(message, undo ? { action: { label: "Undo", onClick: () => void run(undo, null) } } : undefined);
    } catch (error) {
      toast.error(apiError(error).message);
    } finally {
      await refresh();
    }
  }
  return {
    setDone: (task: TaskView, done: boolean) =>
      done ? run(() => complete.mutateAsync({ taskId: task.id }), `Done: ${task.title}`, () => reopen.mutateAsync({ taskId: task.id })) : run(() => reopen.mutateAsync({ taskId: task.id }), null),
    remove: (task: TaskView) => run(() => remove.mutateAsync({ taskId: task.id }), `Deleted “${task.title}”`, () => restore.mutateAsync({ taskId: task.id })),
  };
}

const PRIORITY_LABEL = { HIGH: "High", NORMAL: "Normal", LOW: "Low" } as const;

export function TaskItem({ task, overdue = false, onEdit }: { task: TaskView; overdue?: boolean; onEdit?: (task: TaskView) => void }) {
  const { slug, org, can } = useOrg();
  const actions = useTaskActions();
  const done = task.doneAt !== null;
  const checkboxId = `task-${task.id}`;
  const contact = task.contact ? [task.contact.firstName, task.contact.lastName].filter(Boolean).join(" ") || task.contact.primaryEmail || "Contact" : null;
  return (
    <li className="flex items-start gap-3 rounded-lg border bg-card px-3 py-2.5" data-testid="task-item" data-title={task.title}>
      <input
        id={checkboxId}
        type="checkbox"
        checked={done}
        disabled={!can("tasks.update")}
        onChange={(e) => void actions.setDone(task, e.target.checked)}
        className="mt-1 size-4 shrink-0 accent-primary"
      />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <label htmlFor={checkboxId} className={cn("text-sm font-medium break-words", done && "text-muted-foreground line-through")}>
          {task.title}
        </label>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
          {task.dueAt ? <span className={cn(overdue && !done && "font-medium text-destructive")}>{overdue && !done ? "Overdue · " : ""}{formatZoned(task.dueAt, task.timezone ?? org.timezone)}</span> : <span>No due time</span>}
          {task.priority !== "NORMAL" ? <Badge variant={task.priority === "HIGH" ? "destructive" : "outline"}>{PRIORITY_LABEL[task.priority]}</Badge> : null}
          {task.deal ? (
            <Link href={`/${slug}/deals/${task.deal.id}`} className="underline-offset-2 hover:underline">
              {task.deal.name}
            </Link>
          ) : null}
          {task.contact && contact ? (
            <Link href={`/${slug}/contacts/${task.contact.id}`} className="underline-offset-2 hover:underline">
              {contact}
            </Link>
          ) : null}
          {task.company ? <span>{task.company.name}</span> : null}
        </p>
        {task.notes ? <p className="text-xs break-words whitespace-pre-line text-muted-foreground">{task.notes}</p> : null}
      </div>
      {can("tasks.update") || can("tasks.delete") ? (
        <RowActionsMenu name={task.title}>
          {onEdit && can("tasks.update") ? (
            <DropdownMenuItem onSelect={() => onEdit(task)}>
              <PencilIcon aria-hidden /> Edit
            </DropdownMenuItem>
          ) : null}
          {can("tasks.delete") ? (
            <DropdownMenuItem variant="destructive" onSelect={() => void actions.remove(task)}>
              <Trash2Icon aria-hidden /> Delete
            </DropdownMenuItem>
          ) : null}
        </RowActionsMenu>
      ) : null}
    </li>
  );
}
