import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { createSandboxAccount, futureLocalTime } from "../social-fixtures";
import { DetailedBadRequest, type ErrorDetails } from "../../src/trpc/errors";

let tenant: Tenant;
let accountId: string;
let otherAccountId: string;

beforeAll(async () => {
  tenant = await createTenant("posts");
  accountId = (await createSandboxAccount(tenant, { handle: "northwind" })).id;
  otherAccountId = (await createSandboxAccount(tenant, { handle: "northwind_eu" })).id;
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const as = (role: keyof Tenant["users"]) => callerFor(tenant.users[role], tenant.slug);

/** The structured details of a refused call (gap suggestion, per-row errors…). */
async function detailsOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details: ErrorDetails }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof DetailedBadRequest) return { code: error.code, message: error.message, details: error.cause.details };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

async function outboxEvent(id: string) {
  return systemDb().eventOutbox.findUnique({ where: { eventId: id } });
}

describe("composing and scheduling", () => {
  it("an editor saves a draft with two variants but may not schedule", async () => {
    const editor = as("CONTENT_EDITOR");
    const post = await editor.posts.create({
      content: "Fresh sourdough every morning",
      labels: ["bakery", "bakery"],
      targets: [{ socialAccountId: accountId }, { socialAccountId: otherAccountId, variantContent: "Frisches Sauerteigbrot" }],
      intent: "draft",
    });
    expect(post.status).toBe("DRAFT");
    expect(post.labels).toEqual(["bakery"]);
    const full = await editor.posts.get({ postId: post.id });
    expect(full.targets.map((t) => t.variantContent).sort()).toEqual([null, "Frisches Sauerteigbrot"].sort());
    expect(
      await outcome(
        editor.posts.update({ postId: post.id, content: "x", targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "Europe/London", localTime: futureLocalTime(3) } }),
      ),
    ).toBe("FORBIDDEN");
    // Another editor's draft is not theirs to change.
    const managerPost = await as("CONTENT_MANAGER").posts.create({ content: "Manager's", targets: [{ socialAccountId: accountId }], intent: "draft" });
    expect(await outcome(editor.posts.update({ postId: managerPost.id, content: "mine now", targets: [], intent: "draft" }))).toBe("FORBIDDEN");
    expect(await outcome(editor.posts.delete({ postId: managerPost.id }))).toBe("FORBIDDEN");
  });

  it("scheduling resolves the wall-clock time in the zone and sends the publish event", async () => {
    const manager = as("CONTENT_MANAGER");
    const localTime = futureLocalTime(10, "09:15");
    const post = await manager.posts.create({ content: "Scheduled", targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "Asia/Kolkata", localTime } });
    expect(post.status).toBe("SCHEDULED");
    expect(post.scheduledAt?.toISOString()).toBe(new Date(`${localTime}:00+05:30`).toISOString());
    const event = await outboxEvent(`post:${post.id}:v1`);
    expect(event?.name).toBe("post/scheduled");
    const targets = await systemDb().postTarget.findMany({ where: { postId: post.id } });
    expect(targets.map((t) => [t.status, t.scheduledAt?.toISOString()])).toEqual([["SCHEDULED", post.scheduledAt?.toISOString()]]);
  });

  it("a time in the spring-forward gap is refused with the first valid time as suggestion", async () => {
    const refusal = await detailsOf(
      as("OWNER").posts.create({ content: "Gap", targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "America/New_York", localTime: "2027-03-14T02:30" } }),
    );
    expect(refusal.code).toBe("BAD_REQUEST");
    expect(refusal.details.schedule).toMatchObject({ kind: "gap", suggestion: { localTime: "2027-03-14T03:00", scheduledAt: "2027-03-14T07:00:00.000Z" } });
  });

  it("a time in the fall-back overlap asks which, and the answer picks the offset", async () => {
    const caller = as("OWNER");
    const input = { content: "Overlap", targets: [{ socialAccountId: accountId }], intent: "schedule" as const };
    const refusal = await detailsOf(caller.posts.create({ ...input, schedule: { timezone: "America/New_York", localTime: "2027-11-07T01:30" } }));
    expect(refusal.details.schedule?.kind).toBe("ambiguous");
    const later = await caller.posts.create({ ...input, schedule: { timezone: "America/New_York", localTime: "2027-11-07T01:30", disambiguation: "later" } });
    expect(later.scheduledAt?.toISOString()).toBe("2027-11-07T06:30:00.000Z");
    const earlier = await caller.posts.create({ ...input, schedule: { timezone: "America/New_York", localTime: "2027-11-07T01:30", disambiguation: "earlier" } });
    expect(earlier.scheduledAt?.toISOString()).toBe("2027-11-07T05:30:00.000Z");
  });

  it("a past time is refused; content over a network's limit is refused per account", async () => {
    const caller = as("OWNER");
    const past = await detailsOf(
      caller.posts.create({ content: "Late", targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "UTC", localTime: "2020-01-01T10:00" } }),
    );
    expect(past.details.schedule?.kind).toBe("past");
    const tooLong = await detailsOf(
      caller.posts.create({ content: "x".repeat(6_000), targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "UTC", localTime: futureLocalTime(3) } }),
    );
    expect(tooLong.details.targetIssues?.[0]).toMatchObject({ socialAccountId: accountId, field: "text" });
  });

  it("drag and drop reschedules with a new version; unscheduling cancels the pending run", async () => {
    const caller = as("CONTENT_MANAGER");
    const post = await caller.posts.create({ content: "Move me", targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "Europe/London", localTime: futureLocalTime(6, "10:00") } });
    const moved = await caller.posts.schedule({ postId: post.id, timezone: "Europe/London", localTime: futureLocalTime(8, "10:00") });
    expect(moved.localTime).toBe(futureLocalTime(8, "10:00"));
    const row = await systemDb().post.findUniqueOrThrow({ where: { id: post.id } });
    expect(row.scheduleVersion).toBe(2);
    expect(await outboxEvent(`post:${post.id}:v2`)).not.toBeNull();
    await caller.posts.unschedule({ postId: post.id });
    const after = await systemDb().post.findUniqueOrThrow({ where: { id: post.id }, include: { targets: true } });
    expect(after.status).toBe("DRAFT");
    expect(after.targets.every((t) => t.status === "DRAFT")).toBe(true);
    expect((await outboxEvent(`post:${post.id}:cancel:v3`))?.name).toBe("post/cancelled");
  });

  it("a failed target is retried with one click; an acknowledged one never is", async () => {
    const caller = as("OWNER");
    const post = await caller.posts.create({ content: "Retry me", targets: [{ socialAccountId: accountId }], intent: "schedule", schedule: { timezone: "UTC", localTime: futureLocalTime(2) } });
    const target = await systemDb().postTarget.findFirstOrThrow({ where: { postId: post.id } });
    await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "FAILED", lastError: "(#368) The action attempted has been deemed abusive" } });
    const ledger = await systemDb().publishLedger.create({
      data: { organizationId: tenant.id, postTargetId: target.id, scheduleVersion: 1, idempotencyKey: `${target.id}:v1`, state: "FAILED", attempts: 1, error: "abusive", queuedAt: new Date(Date.now() - 86_400_000) },
    });
    const retriedAt = new Date();
    await caller.posts.retryTarget({ targetId: target.id });
    const requeued = await systemDb().publishLedger.findUniqueOrThrow({ where: { id: ledger.id } });
    expect(requeued.state).toBe("QUEUED");
    // A new chain of attempts: a lookup after a lost answer reaches back to the retry, not to yesterday.
    expect(requeued.queuedAt.getTime()).toBeGreaterThanOrEqual(retriedAt.getTime() - 1_000);
    expect((await systemDb().postTarget.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("SCHEDULED");
    expect(await outboxEvent(`retry:${target.id}:v1:a1`)).not.toBeNull();

    await systemDb().publishLedger.update({ where: { id: ledger.id }, data: { state: "ACKNOWLEDGED", externalId: "sbx_1" } });
    await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "FAILED" } });
    expect(await outcome(caller.posts.retryTarget({ targetId: target.id }))).toBe("BAD_REQUEST");
  });

  it("the calendar lists a window with filters", async () => {
    const caller = as("VIEWER");
    const from = new Date();
    const to = new Date(Date.now() + 30 * 86_400_000);
    const all = await caller.posts.list({ from, to });
    expect(all.length).toBeGreaterThan(0);
    const none = await caller.posts.list({ from, to, labels: ["no-such-label"] });
    expect(none).toEqual([]);
    const onlyOther = await caller.posts.list({ from, to, accountIds: [otherAccountId] });
    expect(onlyOther.every((p) => p.targets.some((t) => t.socialAccountId === otherAccountId))).toBe(true);
  });
});

describe("bulk CSV import", () => {
  const header = "content,accounts,date,time,timezone,labels";

  it("refuses the whole file with a per-row report when any row is wrong, and imports nothing", async () => {
    const date = futureLocalTime(5).slice(0, 10);
    const csv = [
      header,
      `Good row,@northwind,${date},10:00,,launch`,
      `Unknown account,@nobody,${date},10:00,,`,
      `Bad zone,@northwind,${date},10:00,Mars/Olympus,`,
      `Gap row,@northwind,2027-03-14,02:30,America/New_York,`,
      `,@northwind,${date},10:00,,`,
    ].join("\n");
    const before = await systemDb().post.count({ where: { organizationId: tenant.id } });
    const refusal = await detailsOf(as("OWNER").posts.importCsv({ fileName: "bad.csv", csv }));
    expect(refusal.message).toMatch(/4 of 5 rows have problems\. Nothing was imported/);
    expect(refusal.details.rowErrors?.map((e) => [e.row, e.column])).toEqual([
      [2, "accounts"],
      [3, "timezone"],
      [4, "time"],
      [5, "content"],
    ]);
    expect(refusal.details.rowErrors?.[2]?.message).toMatch(/03:00/);
    expect(await systemDb().post.count({ where: { organizationId: tenant.id } })).toBe(before);
  });

  it("imports every row, schedules each, and can be undone", async () => {
    const date = futureLocalTime(7).slice(0, 10);
    const rows = Array.from({ length: 250 }, (_, i) => `"Post ${i}, with a comma",@northwind|northwind_eu,${date},${String(8 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")},Europe/London,bulk|q4`);
    const result = await as("CONTENT_MANAGER").posts.importCsv({ fileName: "good.csv", csv: [header, ...rows].join("\r\n") });
    expect(result.rowCount).toBe(250);
    const posts = await systemDb().post.findMany({ where: { importBatchId: result.batchId }, include: { targets: true } });
    expect(posts).toHaveLength(250);
    expect(posts.every((p) => p.status === "SCHEDULED" && p.targets.length === 2 && p.labels.join() === "bulk,q4")).toBe(true);
    expect(posts.some((p) => p.content === "Post 3, with a comma")).toBe(true);
    expect(await systemDb().eventOutbox.count({ where: { eventId: { in: posts.map((p) => `post:${p.id}:v1`) } } })).toBe(250);

    const undone = await as("CONTENT_MANAGER").posts.undoImport({ batchId: result.batchId });
    expect(undone.removed).toBe(250);
    expect(await systemDb().post.count({ where: { importBatchId: result.batchId } })).toBe(0);
  });
});
