import { withOrg, type TenantDb } from "@mg/db";
import { formatZoned } from "@mg/scheduling";
import { jobsEnv } from "../env";
import { escapeHtml, sendMail, type MailMessage } from "../mailer";
import { raiseAlert } from "../publishing/alerts";

/**
 * A task's due-time reminder: an in-app alert and an email to the assignee, exactly once.
 *
 * One function serves both paths — the engine's `remind-task` run (sleepUntil dueAt) and, without
 * an engine, the local scheduler's housekeeping (due, unreminded tasks). It first *claims* the
 * reminder in the task's own transaction (row locked; still live, not done, the same dueAt, not
 * reminded yet), raises the alert (dedupeKey task:<id>:<dueAt>) and sets remindedAt; then it mails.
 * A mail that fails releases the claim so the retry mails again, while the alert's key keeps it
 * single. A duplicate run, a retry after success, or a run for an old due time finds nothing to do.
 */

export const taskAlertKey = (taskId: string, dueAt: Date) => `task:${taskId}:${dueAt.toISOString()}`;

export type RemindResult =
  | { status: "reminded"; alertRaised: boolean; mailed: boolean }
  | { status: "skipped"; reason: "not-found" | "deleted" | "done" | "rescheduled" | "already-reminded" | "no-due-time" | "not-due-yet" };

export interface RemindInput {
  organizationId: string;
  taskId: string;
  /** The due time this reminder is for (the event's); a task since moved elsewhere stands down. */
  dueAt: string | Date;
  now?: Date;
}

export interface RemindDeps {
  send?: (message: MailMessage) => Promise<unknown>;
}

interface Claimed {
  title: string;
  dueAt: Date;
  timezone: string;
  assignee: { name: string | null; email: string } | null;
  alertRaised: boolean;
  orgSlug: string;
  orgName: string;
  claimedAt: Date;
}

interface TaskRow {
  title: string;
  due_at: Date | null;
  timezone: string | null;
  assignee_user_id: string | null;
  done_at: Date | null;
  deleted_at: Date | null;
  reminded_at: Date | null;
}

/** The assignee's name and address, read as a member here or (a client's agency people) in the agency. */
async function memberContact(db: TenantDb, userId: string, parentId: string | null): Promise<{ name: string | null; email: string } | null> {
  const select = { user: { select: { name: true, email: true } } } as const;
  const direct = await db.membership.findFirst({ where: { userId }, select });
  if (direct) return direct.user;
  if (!parentId) return null;
  const inherited = await withOrg(parentId, (agency) => agency.membership.findFirst({ where: { userId }, select }));
  return inherited?.user ?? null;
}

async function claim(input: RemindInput, now: Date): Promise<Claimed | Extract<RemindResult, { status: "skipped" }>> {
  const expected = new Date(input.dueAt);
  return withOrg(input.organizationId, async (db) => {
    const [task] = await db.$queryRaw<TaskRow[]>`
      SELECT title, due_at, timezone, assignee_user_id, done_at, deleted_at, reminded_at FROM tasks
      WHERE organization_id = ${input.organizationId}::uuid AND id = ${input.taskId}::uuid FOR UPDATE`;
    if (!task) return { status: "skipped", reason: "not-found" } as const;
    if (task.deleted_at) return { status: "skipped", reason: "deleted" } as const;
    if (task.done_at) return { status: "skipped", reason: "done" } as const;
    if (!task.due_at) return { status: "skipped", reason: "no-due-time" } as const;
    if (task.due_at.getTime() !== expected.getTime()) return { status: "skipped", reason: "rescheduled" } as const;
    if (task.reminded_at) return { status: "skipped", reason: "already-reminded" } as const;
    if (task.due_at.getTime() > now.getTime()) return { status: "skipped", reason: "not-due-yet" } as const;
    const org = await db.organization.findFirst({ where: { id: input.organizationId }, select: { slug: true, name: true, timezone: true, parentId: true } });
    const timezone = task.timezone ?? org?.timezone ?? "UTC";
    const assignee = task.assignee_user_id ? await memberContact(db, task.assignee_user_id, org?.parentId ?? null) : null;
    const when = formatZoned(task.due_at, timezone);
    const alertRaised = await raiseAlert(db, {
      organizationId: input.organizationId,
      kind: "TASK_DUE",
      title: `Task due: ${task.title}`.slice(0, 300),
      body: `${assignee ? `${assignee.name ?? assignee.email} · ` : ""}due ${when}`,
      dedupeKey: taskAlertKey(input.taskId, task.due_at),
    });
    await db.task.updateMany({ where: { id: input.taskId }, data: { remindedAt: now } });
    return { title: task.title, dueAt: task.due_at, timezone, assignee, alertRaised, orgSlug: org?.slug ?? "", orgName: org?.name ?? "", claimedAt: now };
  });
}

export function taskDueMail(input: { title: string; when: string; organizationName: string; url: string; recipientName: string | null }): { subject: string; text: string; html: string } {
  const greeting = input.recipientName ? `Hi ${input.recipientName},` : "Hi,";
  const line = `“${input.title}” in ${input.organizationName} is due ${input.when}.`;
  return {
    subject: `Task due: ${input.title}`.slice(0, 200),
    text: `${greeting}\n\n${line}\n\nOpen your tasks: ${input.url}\n`,
    html: [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Task due</title></head>',
      '<body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">',
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(line)}</p>`,
      `<p><a href="${escapeHtml(input.url)}" style="color:#4f46e5">Open your tasks</a></p>`,
      "</body></html>",
    ].join("\n"),
  };
}

export async function remindTask(input: RemindInput, deps: RemindDeps = {}): Promise<RemindResult> {
  const now = input.now ?? new Date();
  const claimed = await claim(input, now);
  if ("status" in claimed) return claimed;
  const { assignee, alertRaised } = claimed;
  if (!assignee) return { status: "reminded", alertRaised, mailed: false };
  const url = new URL(`/${claimed.orgSlug}/tasks`, jobsEnv().APP_URL).toString();
  const mail = taskDueMail({ title: claimed.title, when: formatZoned(claimed.dueAt, claimed.timezone), organizationName: claimed.orgName, url, recipientName: assignee.name });
  try {
    await (deps.send ?? sendMail)({ to: assignee.email, ...mail });
  } catch (error) {
    // Release the claim (only ours): the retry mails; the alert's dedupe key keeps it single.
    await withOrg(input.organizationId, (db) => db.task.updateMany({ where: { id: input.taskId, remindedAt: claimed.claimedAt }, data: { remindedAt: null } }));
    throw error;
  }
  return { status: "reminded", alertRaised, mailed: true };
}
