import "../helpers/env";
import { InngestTestEngine } from "@inngest/test";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { remindTask, taskAlertKey } from "../../src/crm/task-reminders";
import { remindTaskFn } from "../../src/functions/remind-task";
import { createHousekeeping } from "../../src/local-housekeeping";
import { listDevMail } from "../../src/mailer";
import { Fixtures } from "../helpers/fixtures";

/**
 * A task's reminder goes out exactly once — one TASK_DUE alert, one mail to the assignee — on
 * both paths: the engine's remind-task run (sleepUntil dueAt) and the engine-less housekeeping.
 * A retry, a second run, a rescheduled or finished task change nothing more.
 */
const fixtures = new Fixtures();
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const quiet = { info: () => undefined, warn: () => undefined };

async function dueTask(overrides: { dueAt?: Date; doneAt?: Date | null } = {}) {
  const { org, owner } = await fixtures.organizationWithOwner("Reminder Co");
  const dueAt = overrides.dueAt ?? new Date(Date.now() - 60_000);
  const task = await systemDb().task.create({
    data: { organizationId: org.id, title: "Call Ada back", timezone: "Europe/Paris", localTime: "2026-01-01T09:00", dueAt, assigneeUserId: owner.id, doneAt: overrides.doneAt ?? null },
  });
  return { org, owner, task, dueAt };
}

const alertsOf = (organizationId: string) => systemDb().alert.findMany({ where: { organizationId, kind: "TASK_DUE" } });

function engineRun(event: { organizationId: string; taskId: string; dueAt: string }) {
  return new InngestTestEngine({
    function: remindTaskFn,
    events: [{ name: "task/scheduled", data: event }],
    steps: [{ id: "wait-until-due", handler: () => undefined }],
  }).execute();
}

describe("remind-task (engine path)", () => {
  it("alerts and mails once; a second run of the same event does nothing more", async () => {
    const { org, owner, task, dueAt } = await dueTask();
    const event = { organizationId: org.id, taskId: task.id, dueAt: dueAt.toISOString() };
    const first = await engineRun(event);
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ status: "reminded", alertRaised: true, mailed: true });
    const second = await engineRun(event);
    expect(second.result).toEqual({ status: "skipped", reason: "already-reminded" });

    const alerts = await alertsOf(org.id);
    expect(alerts.map((a) => [a.title, a.dedupeKey])).toEqual([["Task due: Call Ada back", taskAlertKey(task.id, dueAt)]]);
    const mails = await listDevMail({ to: owner.email });
    expect(mails.map((m) => m.subject)).toEqual(["Task due: Call Ada back"]);
    expect(mails[0]?.text).toContain(`/${org.slug}/tasks`);
    expect((await systemDb().task.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: task.id } } })).remindedAt).not.toBeNull();
  });

  it("stands down for a due time the task no longer has, and for a task done meanwhile", async () => {
    const { org, task, dueAt } = await dueTask();
    const stale = await engineRun({ organizationId: org.id, taskId: task.id, dueAt: new Date(dueAt.getTime() - 3_600_000).toISOString() });
    expect(stale.result).toEqual({ status: "skipped", reason: "rescheduled" });
    const done = await dueTask({ doneAt: new Date() });
    expect((await engineRun({ organizationId: done.org.id, taskId: done.task.id, dueAt: done.dueAt.toISOString() })).result).toEqual({ status: "skipped", reason: "done" });
    expect(await alertsOf(org.id)).toHaveLength(0);
    expect(await alertsOf(done.org.id)).toHaveLength(0);
  });
});

describe("remindTask retries", () => {
  it("a mail that fails is sent again on the retry, and the alert still exists once", async () => {
    const { org, owner, task, dueAt } = await dueTask();
    const input = { organizationId: org.id, taskId: task.id, dueAt };
    await expect(remindTask(input, { send: () => Promise.reject(new Error("SMTP down")) })).rejects.toThrow("SMTP down");
    expect(await alertsOf(org.id)).toHaveLength(1);
    expect((await systemDb().task.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: task.id } } })).remindedAt).toBeNull();

    const sent: string[] = [];
    const retry = await remindTask(input, { send: (m) => Promise.resolve(sent.push(m.to)) });
    expect(retry).toEqual({ status: "reminded", alertRaised: false, mailed: true });
    expect(sent).toEqual([owner.email]);
    expect(await remindTask(input, { send: (m) => Promise.resolve(sent.push(m.to)) })).toEqual({ status: "skipped", reason: "already-reminded" });
    expect(sent).toEqual([owner.email]);
    expect(await alertsOf(org.id)).toHaveLength(1);
  });

  it("two runs at once remind once (the task row is locked while claiming)", async () => {
    const { org, task, dueAt } = await dueTask();
    const sent: string[] = [];
    const send = (m: { to: string }) => Promise.resolve(sent.push(m.to));
    const results = await Promise.all([remindTask({ organizationId: org.id, taskId: task.id, dueAt }, { send }), remindTask({ organizationId: org.id, taskId: task.id, dueAt }, { send })]);
    expect(results.map((r) => r.status).sort()).toEqual(["reminded", "skipped"]);
    expect(sent).toHaveLength(1);
    expect(await alertsOf(org.id)).toHaveLength(1);
  });
});

describe("engine-less housekeeping", () => {
  it("reminds due, unreminded tasks once, and leaves future ones for later", async () => {
    const { org, owner, task } = await dueTask();
    const future = await systemDb().task.create({ data: { organizationId: org.id, title: "Later", dueAt: new Date(Date.now() + 3_600_000), assigneeUserId: owner.id } });
    const now = new Date();
    await createHousekeeping(quiet, org.id)(now);
    // A second machine (or the next pass) finds nothing left.
    await createHousekeeping(quiet, org.id)(new Date(now.getTime() + 1_000));
    expect((await alertsOf(org.id)).map((a) => a.dedupeKey)).toEqual([taskAlertKey(task.id, task.dueAt ?? now)]);
    expect((await listDevMail({ to: owner.email })).map((m) => m.subject)).toEqual(["Task due: Call Ada back"]);
    expect((await systemDb().task.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: future.id } } })).remindedAt).toBeNull();
  });
});
