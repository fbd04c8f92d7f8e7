import { TRPCError } from "@trpc/server";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myTasks } from "../../../src/services/crm/tasks";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";
import { freshContact } from "./helpers";

/**
 * Tasks against the real database: zone + wall time resolved with the posts' DST rules, the
 * reminder armed through the outbox in the task's transaction (and re-armed on reschedule),
 * timeline events, my-tasks groups in the organization's zone, undo of done and delete.
 */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("tasks");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const owner = () => callerFor(tenant.users.OWNER, tenant.slug);
const outboxFor = (taskId: string) => systemDb().eventOutbox.findMany({ where: { organizationId: tenant.id, name: "task/scheduled", eventId: { startsWith: `task:${taskId}:` } }, orderBy: { createdAt: "asc" } });

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message, details: (error.cause as { details?: unknown } | undefined)?.details };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("due times", () => {
  it("refuses a wall time that does not exist (DST gap) and offers the next valid time", async () => {
    const refused = await errorOf(owner().tasks.create({ title: "Call back", due: { timezone: "Europe/London", localTime: "2027-03-28T01:30" } }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/does not exist in Europe\/London/);
    expect(refused.details).toMatchObject({ schedule: { kind: "gap", suggestion: { localTime: "2027-03-28T02:00", scheduledAt: "2027-03-28T01:00:00.000Z" } } });
  });

  it("asks which of two instants an ambiguous wall time means, and takes the one chosen", async () => {
    const asked = await errorOf(owner().tasks.create({ title: "Call back", due: { timezone: "Europe/London", localTime: "2027-10-31T01:30" } }));
    expect(asked.details).toMatchObject({ schedule: { kind: "ambiguous", options: [{ disambiguation: "earlier", scheduledAt: "2027-10-31T00:30:00.000Z" }, { disambiguation: "later", scheduledAt: "2027-10-31T01:30:00.000Z" }] } });
    const task = await owner().tasks.create({ title: "Call back", due: { timezone: "Europe/London", localTime: "2027-10-31T01:30", disambiguation: "later" } });
    expect(task.dueAt?.toISOString()).toBe("2027-10-31T01:30:00.000Z");
    expect(task.localTime).toBe("2027-10-31T01:30");
  });
});

describe("reminder events", () => {
  it("arms the reminder in the task's transaction and re-arms it on reschedule", async () => {
    const task = await owner().tasks.create({ title: "Send proposal", due: { timezone: "America/New_York", localTime: "2027-06-01T09:00" } });
    expect(task.assigneeUserId).toBe(tenant.users.OWNER.id);
    expect((await outboxFor(task.id)).map((e) => e.payload)).toEqual([{ organizationId: tenant.id, taskId: task.id, dueAt: "2027-06-01T13:00:00.000Z" }]);
    // Same time again: nothing new. A new time: a new event (the old run stands down on waking).
    await owner().tasks.update({ taskId: task.id, due: { timezone: "America/New_York", localTime: "2027-06-01T09:00" } });
    expect(await outboxFor(task.id)).toHaveLength(1);
    const moved = await owner().tasks.update({ taskId: task.id, due: { timezone: "America/New_York", localTime: "2027-06-02T10:15" } });
    expect(moved.remindedAt).toBeNull();
    expect((await outboxFor(task.id)).map((e) => (e.payload as { dueAt: string }).dueAt)).toEqual(["2027-06-01T13:00:00.000Z", "2027-06-02T14:15:00.000Z"]);
  });

  it("does not arm a reminder for a due time already past (the task is overdue)", async () => {
    const task = await owner().tasks.create({ title: "Yesterday's call", due: { timezone: "UTC", localTime: "2020-01-01T09:00" } });
    expect(task.remindedAt).not.toBeNull();
    expect(await outboxFor(task.id)).toHaveLength(0);
  });
});

describe("lifecycle", () => {
  it("writes TASK_CREATED and TASK_DONE on the linked records; complete and delete have an undo", async () => {
    const contactId = await freshContact(tenant, "Tess");
    const deal = await owner().deals.create({ name: "With tasks", pipelineId: (await owner().pipelines.create({ name: "Tasks P" })).id });
    const task = await owner().tasks.create({ title: "Follow up", contactId, dealId: deal.id, priority: "HIGH" });
    await owner().tasks.complete({ taskId: task.id });
    const kinds = await systemDb().activity.findMany({ where: { organizationId: tenant.id, OR: [{ contactId }, { dealId: deal.id }], kind: { in: ["TASK_CREATED", "TASK_DONE"] } }, select: { kind: true, contactId: true, dealId: true } });
    expect(kinds.filter((k) => k.contactId === contactId).map((k) => k.kind).sort()).toEqual(["TASK_CREATED", "TASK_DONE"]);
    expect(kinds.filter((k) => k.dealId === deal.id).map((k) => k.kind).sort()).toEqual(["TASK_CREATED", "TASK_DONE"]);

    expect((await owner().tasks.forRecord({ dealId: deal.id })).map((t) => t.doneAt !== null)).toEqual([true]);
    const reopened = await owner().tasks.reopen({ taskId: task.id });
    expect(reopened.doneAt).toBeNull();
    await owner().tasks.delete({ taskId: task.id });
    expect(await owner().tasks.forRecord({ contactId })).toEqual([]);
    await owner().tasks.restore({ taskId: task.id });
    expect((await owner().tasks.forRecord({ contactId })).map((t) => t.id)).toEqual([task.id]);
  });

  it("refuses an assignee from another organization", async () => {
    const other = await createTenant("tasks-other");
    try {
      expect(await outcome(owner().tasks.create({ title: "X", assigneeUserId: other.users.ADMIN.id }))).toBe("NOT_FOUND");
    } finally {
      await deleteTenant(other);
    }
  });
});

describe("my tasks", () => {
  it("groups overdue, today and upcoming by the organization's zone", async () => {
    const t = await createTenant("my-tasks");
    try {
      // Tokyo: 2027-01-10 23:00 local is 14:00 UTC; local midnight is 15:00 UTC.
      await systemDb().organization.update({ where: { id: t.id }, data: { timezone: "Asia/Tokyo" } });
      const me = t.users.ADMIN;
      const at = (iso: string) => new Date(iso);
      const rows = [
        { title: "overdue", dueAt: at("2027-01-10T13:00:00Z") },
        { title: "tonight", dueAt: at("2027-01-10T14:30:00Z") },
        { title: "tomorrow", dueAt: at("2027-01-10T15:00:00Z") },
        { title: "someday", dueAt: null },
      ];
      for (const row of rows) await systemDb().task.create({ data: { organizationId: t.id, title: row.title, dueAt: row.dueAt, assigneeUserId: me.id, timezone: "Asia/Tokyo" } });
      await systemDb().task.create({ data: { organizationId: t.id, title: "not mine", dueAt: at("2027-01-10T14:30:00Z"), assigneeUserId: t.users.OWNER.id } });
      const groups = await withOrg(t.id, (db) => myTasks(db, me.id, "Asia/Tokyo", { includeDoneDays: 0, now: at("2027-01-10T14:00:00Z") }));
      expect(groups.overdue.map((x) => x.title)).toEqual(["overdue"]);
      expect(groups.today.map((x) => x.title)).toEqual(["tonight"]);
      expect(groups.upcoming.map((x) => x.title)).toEqual(["tomorrow", "someday"]);
      // Through the API: the caller's own tasks only.
      const mine = await callerFor(me, t.slug).tasks.mine();
      expect([...mine.overdue, ...mine.today, ...mine.upcoming].map((x) => x.title).sort()).toEqual(["overdue", "someday", "tomorrow", "tonight"]);
    } finally {
      await deleteTenant(t);
    }
  });
});
