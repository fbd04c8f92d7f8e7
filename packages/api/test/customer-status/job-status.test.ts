import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { describeDelayedWork } from "../../src/services/delayed-work";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import { createPostRow } from "../social-fixtures";

/**
 * What the dashboard tells a customer about late background work: their organization's only, in
 * their words, by kind, and nothing at all once the work has caught up.
 */

const MINUTE = 60_000;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("jobs-a"), createTenant("jobs-b")]);
});
afterAll(async () => {
  await systemDb().eventOutbox.deleteMany({ where: { organizationId: { in: [a.id, b.id] } } });
  await Promise.all([a, b].map(deleteTenant));
});

/** An outbox row as the relay leaves it; next_attempt_at far ahead so no relay of a parallel suite delivers it. */
function outboxRow(organizationId: string, name: string, options: { ageMs: number; status?: "PENDING" | "FAILED" | "SENT" }) {
  return systemDb().eventOutbox.create({
    data: {
      organizationId,
      name,
      payload: { organizationId },
      eventId: `test:${randomUUID()}`,
      status: options.status ?? "PENDING",
      attempts: options.status === "FAILED" ? 10 : 1,
      lastError: "connect ECONNREFUSED 127.0.0.1:8288",
      createdAt: new Date(Date.now() - options.ageMs),
      nextAttemptAt: new Date(Date.now() + 24 * 60 * MINUTE),
    },
  });
}

const OPERATOR_WORDS = /INNGEST|pnpm|_KEY|_SECRET|SMTP|job engine|outbox|ECONNREFUSED|replay/i;

describe("describeDelayedWork", () => {
  it("one line per kind, counted and worded for customers; publishing events count through the posts, not twice", () => {
    expect(
      describeDelayedWork({
        events: [
          { name: "member/invited", waiting: 2, failed: 1 },
          { name: "post/scheduled", waiting: 5, failed: 0 },
          { name: "metrics/sync.account", waiting: 1, failed: 0 },
          { name: "organization/created", waiting: 1, failed: 0 },
        ],
        overduePosts: 1,
      }),
    ).toEqual([
      { kind: "scheduled-posts", count: 1, message: "1 scheduled post is late going out" },
      { kind: "invitation-emails", count: 3, message: "3 invitation emails are delayed" },
      { kind: "workspace-setup", count: 1, message: "Setting up your workspace is taking longer than usual" },
      { kind: "analytics-updates", count: 1, message: "Analytics updates for 1 account are delayed" },
    ]);
    expect(describeDelayedWork({ events: [{ name: "member/invited", waiting: 1, failed: 0 }], overduePosts: 0 })[0]?.message).toBe("1 invitation email is delayed");
    expect(describeDelayedWork({ events: [], overduePosts: 0 })).toEqual([]);
  });
});

describe("organization.jobStatus", () => {
  it("is empty while nothing is late: a fresh event inside the grace period is not a delay", async () => {
    await outboxRow(a.id, "member/invited", { ageMs: 5_000 });
    expect(await callerFor(a.users.VIEWER, a.slug).organization.jobStatus()).toEqual({ delayed: [] });
  });

  it("names the organization's own delayed work by kind, never another organization's, never operator terms", async () => {
    await outboxRow(a.id, "member/invited", { ageMs: 10 * MINUTE });
    await outboxRow(a.id, "member/invited", { ageMs: 3 * 60 * MINUTE, status: "FAILED" });
    await outboxRow(a.id, "member/invited", { ageMs: 60 * MINUTE, status: "SENT" });
    // B's late work is B's business.
    await outboxRow(b.id, "member/invited", { ageMs: 10 * MINUTE });
    await outboxRow(b.id, "organization/created", { ageMs: 10 * MINUTE, status: "FAILED" });

    const status = await callerFor(a.users.VIEWER, a.slug).organization.jobStatus();
    expect(status).toEqual({ delayed: [{ kind: "invitation-emails", count: 2, message: "2 invitation emails are delayed" }] });
    expect(JSON.stringify(status)).not.toMatch(OPERATOR_WORDS);

    const other = await callerFor(b.users.OWNER, b.slug).organization.jobStatus();
    expect(other.delayed.map((d) => [d.kind, d.count])).toEqual([
      ["invitation-emails", 1],
      ["workspace-setup", 1],
    ]);
  });

  it("counts a scheduled post past its time, and clears once the work is done", async () => {
    const { post } = await createPostRow({ id: a.id }, { status: "SCHEDULED" });
    await systemDb().post.update({ where: { id: post.id }, data: { scheduledAt: new Date(Date.now() - 15 * MINUTE) } });
    const late = await callerFor(a.users.OWNER, a.slug).organization.jobStatus();
    expect(late.delayed.map((d) => d.message)).toEqual(["1 scheduled post is late going out", "2 invitation emails are delayed"]);

    await systemDb().post.update({ where: { id: post.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    await systemDb().eventOutbox.updateMany({ where: { organizationId: a.id }, data: { status: "SENT", sentAt: new Date() } });
    expect(await callerFor(a.users.OWNER, a.slug).organization.jobStatus()).toEqual({ delayed: [] });
  });
});
