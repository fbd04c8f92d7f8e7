import { TRPCError } from "@trpc/server";
import type { Organization, Prisma, TaskPriority, TenantDb } from "@mg/db";
import { resolveLocalTime, shiftLocalDays, toLocalTime } from "@mg/scheduling";
import type { Emit } from "../../jobs";
import { resolveWallTimeOrThrow, type WallTimeInput } from "../posts/schedule-time";
import { recordActivities } from "./timeline";
import { assertCompany, assertContacts, assertDeal, assertMember } from "./deals-refs";

/**
 * Tasks: due as an IANA zone + wall time resolved like a post's schedule (a time in a DST gap is
 * refused with the next valid time, one in an overlap asks which), an assignee, links to a
 * contact/deal/company, and a reminder at the due time (`task/scheduled`, emitted in the task's
 * own transaction through the outbox; jobs/crm/task-reminders does the reminding).
 */

export const TASK_SELECT = {
  id: true,
  title: true,
  notes: true,
  timezone: true,
  localTime: true,
  dueAt: true,
  assigneeUserId: true,
  priority: true,
  doneAt: true,
  remindedAt: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  contact: { select: { id: true, firstName: true, lastName: true, primaryEmail: true } },
  deal: { select: { id: true, name: true } },
  company: { select: { id: true, name: true } },
} satisfies Prisma.TaskSelect;

export type TaskView = Prisma.TaskGetPayload<{ select: typeof TASK_SELECT }>;

export type DueInput = WallTimeInput;

/** A due time more than this far in the past when set needs no reminder (it is overdue already). */
const PAST_TOLERANCE_MS = 2 * 60_000;

/** Zone + wall time → instant, with the same DST refusals as scheduling a post (a task may be overdue, so no "past" refusal). */
export function resolveDueOrThrow(due: DueInput): { timezone: string; localTime: string; dueAt: Date } {
  return { timezone: due.timezone, localTime: due.localTime, dueAt: resolveWallTimeOrThrow(due) };
}

interface Links {
  contactId?: string | null;
  dealId?: string | null;
  companyId?: string | null;
}

async function assertLinks(db: TenantDb, links: Links): Promise<void> {
  if (links.contactId) await assertContacts(db, [links.contactId]);
  if (links.dealId) await assertDeal(db, links.dealId);
  if (links.companyId) await assertCompany(db, links.companyId);
}

/** The reminder event: one per task and due time, so a resend never schedules twice. */
async function armReminder(emit: Emit, organizationId: string, task: { id: string; dueAt: Date | null; doneAt: Date | null; remindedAt: Date | null }): Promise<void> {
  if (!task.dueAt || task.doneAt || task.remindedAt) return;
  const dueAt = task.dueAt.toISOString();
  await emit({ name: "task/scheduled", id: `task:${task.id}:${dueAt}`, data: { organizationId, taskId: task.id, dueAt } });
}

/** remindedAt for a new due time: none pending, unless the time is already past (nothing to remind). */
function remindedAtFor(dueAt: Date | null, now: Date): Date | null {
  return dueAt && dueAt.getTime() < now.getTime() - PAST_TOLERANCE_MS ? now : null;
}

function timelineTargets(links: Links): { contactId?: string; dealId?: string; companyId?: string }[] {
  return [
    ...(links.contactId ? [{ contactId: links.contactId }] : []),
    ...(links.dealId ? [{ dealId: links.dealId }] : []),
    ...(links.companyId ? [{ companyId: links.companyId }] : []),
  ];
}

export async function loadTask(db: TenantDb, taskId: string, options: { deleted?: boolean } = {}): Promise<TaskView> {
  const task = await db.task.findFirst({ where: { id: taskId, ...(options.deleted ? {} : { deletedAt: null }) }, select: TASK_SELECT });
  if (!task) throw new TRPCError({ code: "NOT_FOUND", message: "Task not found." });
  return task;
}

export interface TaskActor {
  org: Pick<Organization, "id" | "parentId">;
  userId: string;
  emit: Emit;
  now?: Date;
}

export async function createTask(
  db: TenantDb,
  actor: TaskActor,
  input: { title: string; notes?: string | null; due?: DueInput | null; assigneeUserId?: string | null; priority: TaskPriority } & Links,
): Promise<TaskView> {
  const now = actor.now ?? new Date();
  const due = input.due ? resolveDueOrThrow(input.due) : null;
  const assigneeUserId = input.assigneeUserId === undefined ? actor.userId : input.assigneeUserId;
  if (assigneeUserId && assigneeUserId !== actor.userId) await assertMember(db, actor.org, assigneeUserId, "assignee");
  await assertLinks(db, input);
  const task = await db.task.create({
    data: {
      organizationId: actor.org.id,
      title: input.title,
      notes: input.notes ?? null,
      timezone: due?.timezone ?? null,
      localTime: due?.localTime ?? null,
      dueAt: due?.dueAt ?? null,
      remindedAt: remindedAtFor(due?.dueAt ?? null, now),
      assigneeUserId,
      priority: input.priority,
      contactId: input.contactId ?? null,
      dealId: input.dealId ?? null,
      companyId: input.companyId ?? null,
      createdById: actor.userId,
    },
    select: TASK_SELECT,
  });
  await recordActivities(
    db,
    actor.org.id,
    timelineTargets(input).map((target) => ({ kind: "TASK_CREATED" as const, payload: { taskId: task.id, title: task.title }, ...target, actorUserId: actor.userId })),
  );
  await armReminder(actor.emit, actor.org.id, task);
  return task;
}

export async function updateTask(
  db: TenantDb,
  actor: TaskActor,
  input: { taskId: string; title?: string; notes?: string | null; due?: DueInput | null; assigneeUserId?: string | null; priority?: TaskPriority } & Links,
): Promise<TaskView> {
  const now = actor.now ?? new Date();
  const task = await loadTask(db, input.taskId);
  const due = input.due ? resolveDueOrThrow(input.due) : input.due;
  if (input.assigneeUserId) await assertMember(db, actor.org, input.assigneeUserId, "assignee");
  await assertLinks(db, input);
  const dueChanged = due !== undefined && (due?.dueAt.getTime() ?? null) !== (task.dueAt?.getTime() ?? null);
  const updated = await db.task.update({
    where: { organizationId_id: { organizationId: actor.org.id, id: task.id } },
    data: {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.assigneeUserId !== undefined ? { assigneeUserId: input.assigneeUserId } : {}),
      ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
      ...(input.dealId !== undefined ? { dealId: input.dealId } : {}),
      ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
      ...(due !== undefined ? { timezone: due?.timezone ?? null, localTime: due?.localTime ?? null, dueAt: due?.dueAt ?? null } : {}),
      // A new due time re-arms the reminder; the old run wakes to a different dueAt and stands down.
      ...(dueChanged ? { remindedAt: remindedAtFor(due?.dueAt ?? null, now) } : {}),
    },
    select: TASK_SELECT,
  });
  if (dueChanged) await armReminder(actor.emit, actor.org.id, updated);
  return updated;
}

export async function completeTask(db: TenantDb, actor: TaskActor, taskId: string, done: boolean): Promise<TaskView> {
  const task = await loadTask(db, taskId);
  if ((task.doneAt !== null) === done) return task;
  const updated = await db.task.update({ where: { organizationId_id: { organizationId: actor.org.id, id: task.id } }, data: { doneAt: done ? (actor.now ?? new Date()) : null }, select: TASK_SELECT });
  if (done) {
    const links = { contactId: task.contact?.id, dealId: task.deal?.id, companyId: task.company?.id };
    await recordActivities(
      db,
      actor.org.id,
      timelineTargets(links).map((target) => ({ kind: "TASK_DONE" as const, payload: { taskId: task.id, title: task.title }, ...target, actorUserId: actor.userId })),
    );
  }
  return updated;
}

export async function setTaskDeleted(db: TenantDb, organizationId: string, taskId: string, deleted: boolean): Promise<TaskView> {
  const task = await loadTask(db, taskId, { deleted: true });
  if ((task.deletedAt !== null) === deleted) return task;
  return db.task.update({ where: { organizationId_id: { organizationId, id: task.id } }, data: { deletedAt: deleted ? new Date() : null }, select: TASK_SELECT });
}

/** Midnight at the start of the local day after `now` in `timezone` (a midnight in a DST gap: the first valid time). */
export function startOfNextDay(now: Date, timezone: string): Date {
  const today = toLocalTime(now, timezone).slice(0, 10);
  const next = shiftLocalDays(`${today}T00:00`, 1);
  const resolved = resolveLocalTime(timezone, next, "earlier");
  return resolved.kind === "gap" ? resolved.suggestion.instant : resolved.kind === "ok" ? resolved.instant : resolved.options[0].instant;
}

/**
 * The caller's open tasks in three groups by the organization's time zone (members have no zone
 * of their own yet): overdue (due before now), today (due from now to midnight), upcoming (later,
 * or no due time), plus recently done ones when asked.
 */
export async function myTasks(db: TenantDb, userId: string, timezone: string, options: { includeDoneDays: number; now?: Date }) {
  const now = options.now ?? new Date();
  const tomorrow = startOfNextDay(now, timezone);
  const open = await db.task.findMany({
    where: { assigneeUserId: userId, deletedAt: null, doneAt: null },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { priority: "desc" }, { createdAt: "asc" }],
    take: 500,
    select: TASK_SELECT,
  });
  const done = options.includeDoneDays
    ? await db.task.findMany({
        where: { assigneeUserId: userId, deletedAt: null, doneAt: { gte: new Date(now.getTime() - options.includeDoneDays * 86_400_000) } },
        orderBy: { doneAt: "desc" },
        take: 100,
        select: TASK_SELECT,
      })
    : [];
  return {
    timezone,
    now,
    overdue: open.filter((t) => t.dueAt && t.dueAt.getTime() < now.getTime()),
    today: open.filter((t) => t.dueAt && t.dueAt.getTime() >= now.getTime() && t.dueAt.getTime() < tomorrow.getTime()),
    upcoming: open.filter((t) => !t.dueAt || t.dueAt.getTime() >= tomorrow.getTime()),
    done,
  };
}

/** Tasks on one contact, deal or company page. */
export async function recordTasks(db: TenantDb, input: Links & { includeDone: boolean }) {
  if (input.contactId) await assertContacts(db, [input.contactId]);
  if (input.dealId) await assertDeal(db, input.dealId);
  if (input.companyId) await assertCompany(db, input.companyId);
  return db.task.findMany({
    where: {
      deletedAt: null,
      ...(input.includeDone ? {} : { doneAt: null }),
      ...(input.contactId ? { contactId: input.contactId } : {}),
      ...(input.dealId ? { dealId: input.dealId } : {}),
      ...(input.companyId ? { companyId: input.companyId } : {}),
    },
    orderBy: [{ doneAt: { sort: "asc", nulls: "first" } }, { dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 200,
    select: TASK_SELECT,
  });
}
