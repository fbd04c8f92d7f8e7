import "./env";
import { InngestTestEngine } from "@inngest/test";
import { disconnectAll, systemDb } from "@mg/db/system";
import { decryptSecret } from "@mg/integrations";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createJobsClient } from "../../src/client";
import { checkAccountTokens } from "../../src/functions/check-account-tokens";
import { extendRecurrences } from "../../src/functions/extend-recurrences";
import { syncMetricsCron } from "../../src/functions/sync-metrics";
import { materializeRecurrences } from "../../src/publishing/recurrences";
import { refreshAccountToken } from "../../src/publishing/tokens";
import { silentLogger, startFakeEngine } from "../helpers/fake-engine";
import { expiredToken, FakeNetwork } from "./fake-network";
import { alertsOf, PublishingFixtures, type TestAccount } from "./fixtures";

const fixtures = new PublishingFixtures();
let fake: FakeNetwork | undefined;

afterEach(() => fake?.uninstall());
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

/** A recurring series' first post, as scheduling leaves it. */
async function seriesRoot(organizationId: string, accounts: readonly TestAccount[], rule: string, timezone: string, localTime: string, scheduledAt: Date) {
  const post = await fixtures.scheduledPost(organizationId, accounts, { scheduledAt });
  await systemDb().post.update({ where: { id: post.id }, data: { recurrenceRule: rule, timezone, localTime } });
  return post;
}

function occurrencesOf(seriesId: string) {
  return systemDb().post.findMany({ where: { seriesId }, orderBy: { scheduledAt: "asc" }, include: { targets: true } });
}

describe("materializeRecurrences", () => {
  // Mondays 09:00 in New York from 2 March 2026; DST starts on Sunday 8 March 2026.
  const now = new Date("2026-03-01T12:00:00Z");
  const start = new Date("2026-03-02T14:00:00Z");

  it("creates the occurrences 60 days ahead at 09:00 local on both sides of the DST change, with the first post's targets", async () => {
    const organizationId = await fixtures.org("Recurring Co");
    const accounts = [await fixtures.account(organizationId, "X"), await fixtures.account(organizationId, "LINKEDIN")];
    const root = await seriesRoot(organizationId, accounts, "FREQ=WEEKLY;BYDAY=MO", "America/New_York", "2026-03-02T09:00", start);
    await systemDb().postTarget.update({ where: { id: root.targetIds[0] }, data: { variantContent: "X variant" } });

    const result = await materializeRecurrences({ organizationId, seriesId: root.id, now, sendEvents: false });

    const occurrences = await occurrencesOf(root.id);
    // 9 Mar … 27 Apr (the horizon ends 30 Apr 12:00 UTC): 8 Mondays after the first post.
    expect(occurrences.map((o) => o.localTime)).toEqual(
      ["2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27"].map((d) => `${d}T09:00`),
    );
    // 09:00 EDT is 13:00 UTC after the change (it was 14:00 UTC on 2 March).
    expect(occurrences[0]?.scheduledAt?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(result.created).toHaveLength(8);
    for (const o of occurrences) {
      expect(o).toMatchObject({ status: "SCHEDULED", scheduleVersion: 1, timezone: "America/New_York", seriesId: root.id });
      expect(o.targets.map((t) => t.socialAccountId).sort()).toEqual(accounts.map((a) => a.id).sort());
      expect(o.targets.every((t) => t.status === "SCHEDULED" && t.scheduledAt?.getTime() === o.scheduledAt?.getTime())).toBe(true);
      expect(o.targets.find((t) => t.socialAccountId === accounts[0]!.id)?.variantContent).toBe("X variant");
    }
  });

  it("is idempotent and does not recreate an occurrence the user moved or cancelled", async () => {
    const organizationId = await fixtures.org("Recurring Twice Co");
    const account = await fixtures.account(organizationId, "X");
    const root = await seriesRoot(organizationId, [account], "FREQ=WEEKLY;BYDAY=MO", "America/New_York", "2026-03-02T09:00", start);
    await materializeRecurrences({ organizationId, seriesId: root.id, now, sendEvents: false });
    const [first, second] = await occurrencesOf(root.id);
    await systemDb().post.update({ where: { id: first!.id }, data: { localTime: "2026-03-10T11:00", scheduledAt: new Date("2026-03-10T15:00:00Z") } });
    await systemDb().post.update({ where: { id: second!.id }, data: { status: "CANCELLED" } });

    const again = await materializeRecurrences({ organizationId, seriesId: root.id, now, sendEvents: false });
    // A day later the horizon moved by a day: nothing new yet (next Monday is 4 May).
    const nextDay = await materializeRecurrences({ organizationId, seriesId: root.id, now: new Date("2026-03-02T12:00:00Z"), sendEvents: false });
    // Five days later, 4 May enters the horizon.
    const later = await materializeRecurrences({ organizationId, seriesId: root.id, now: new Date("2026-03-06T12:00:00Z"), sendEvents: false });

    expect(again.created).toEqual([]);
    expect(nextDay.created).toEqual([]);
    expect(later.created.map((c) => c.localTime)).toEqual(["2026-05-04T09:00"]);
    expect(await occurrencesOf(root.id)).toHaveLength(9);
  });

  it("sends post/scheduled for each new occurrence with the deduplicating event id", async () => {
    const engine = await startFakeEngine();
    try {
      const organizationId = await fixtures.org("Recurring Events Co");
      const account = await fixtures.account(organizationId, "X");
      const root = await seriesRoot(organizationId, [account], "FREQ=DAILY;COUNT=3", "Europe/London", "2026-03-02T09:00", new Date("2026-03-02T09:00:00Z"));
      const client = createJobsClient({ baseUrl: engine.url, eventKey: "test-key", isDev: false, logger: silentLogger });

      const result = await materializeRecurrences({ organizationId, seriesId: root.id, now, client });

      expect(result.created).toHaveLength(2);
      expect(engine.events.map((e) => ({ name: e.name, id: e.id }))).toEqual(
        result.created.map((c) => ({ name: "post/scheduled", id: `post:${c.postId}:v1` })),
      );
      expect(engine.events[0]?.data).toEqual({ organizationId, postId: result.created[0]!.postId, scheduleVersion: 1, scheduledAt: "2026-03-03T09:00:00.000Z" });
    } finally {
      await engine.close();
    }
  });

  it("does nothing for a cancelled series or a post that does not repeat", async () => {
    const organizationId = await fixtures.org("Recurring Skip Co");
    const account = await fixtures.account(organizationId, "X");
    const root = await seriesRoot(organizationId, [account], "FREQ=DAILY", "Europe/London", "2026-03-02T09:00", new Date("2026-03-02T09:00:00Z"));
    const plain = await fixtures.scheduledPost(organizationId, [account]);
    await systemDb().post.update({ where: { id: root.id }, data: { status: "CANCELLED" } });

    expect(await materializeRecurrences({ organizationId, seriesId: root.id, now, sendEvents: false })).toMatchObject({ status: "skipped", created: [] });
    expect(await materializeRecurrences({ organizationId, seriesId: plain.id, now, sendEvents: false })).toMatchObject({ status: "skipped", created: [] });
  });

  it("the daily cron extends each listed series", async () => {
    const organizationId = await fixtures.org("Recurring Cron Co");
    const account = await fixtures.account(organizationId, "X");
    const soon = new Date(Date.now() + 3_600_000);
    const root = await seriesRoot(organizationId, [account], "FREQ=WEEKLY;COUNT=3", "UTC", soon.toISOString().slice(0, 16), soon);
    try {
      const { result, error } = await new InngestTestEngine({
        function: extendRecurrences,
        // Only this test's series: the database is shared with other test files.
        steps: [{ id: "list-series", handler: () => [{ organizationId, seriesId: root.id }] }],
      }).execute();

      expect(error).toBeUndefined();
      expect(result).toEqual({ series: 1, created: 2 });
      const occurrences = await occurrencesOf(root.id);
      expect(occurrences).toHaveLength(2);
      // No engine configured in tests: the events wait in the outbox, none is lost.
      const queued = await systemDb().eventOutbox.findMany({ where: { eventId: { in: occurrences.map((o) => `post:${o.id}:v1`) } } });
      expect(queued.map((q) => q.name)).toEqual(["post/scheduled", "post/scheduled"]);
    } finally {
      await systemDb().eventOutbox.deleteMany({ where: { name: "post/scheduled", payload: { path: ["data", "organizationId"], equals: organizationId } } });
    }
  });
});

describe("token renewal", () => {
  it("renews an expiring token and keeps the stored refresh token when the network sends none", async () => {
    fake = new FakeNetwork().install();
    const organizationId = await fixtures.org("Tokens Co");
    const account = await fixtures.account(organizationId, "X", { tokenExpiresAt: new Date(Date.now() + 2 * 86_400_000), refreshToken: "rt-original" });
    const before = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: account.id } });

    const outcome = await refreshAccountToken({ organizationId, socialAccountId: account.id });

    expect(outcome.status).toBe("refreshed");
    expect(fake.refreshCalls).toEqual(["rt-original"]);
    const after = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(decryptSecret(after.accessTokenEnc ?? "")).toBe("renewed-access");
    expect(after.refreshTokenEnc).toBe(before.refreshTokenEnc);
    expect(after.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 50 * 86_400_000);
  });

  it("asks for a reconnect when the refresh is refused, once per connection; an expired token also flags the account", async () => {
    fake = new FakeNetwork().install();
    fake.refreshBehaviour = { kind: "error", error: expiredToken() };
    const organizationId = await fixtures.org("Tokens Refused Co");
    const expiring = await fixtures.account(organizationId, "X", { tokenExpiresAt: new Date(Date.now() + 3 * 86_400_000) });
    const expired = await fixtures.account(organizationId, "X", { tokenExpiresAt: new Date(Date.now() - 3_600_000) });

    expect(await refreshAccountToken({ organizationId, socialAccountId: expiring.id })).toMatchObject({ status: "reconnect-needed" });
    await refreshAccountToken({ organizationId, socialAccountId: expiring.id });
    await refreshAccountToken({ organizationId, socialAccountId: expired.id });

    const alerts = await alertsOf(organizationId);
    expect(alerts.map((a) => [a.kind, a.socialAccountId])).toEqual([
      ["ACCOUNT_RECONNECT", expiring.id],
      ["ACCOUNT_RECONNECT", expired.id],
    ]);
    expect(alerts[0]?.title).toMatch(/^Reconnect X Account before \d{4}-\d{2}-\d{2}$/);
    expect((await systemDb().socialAccount.findUniqueOrThrow({ where: { id: expiring.id } })).status).toBe("CONNECTED");
    expect((await systemDb().socialAccount.findUniqueOrThrow({ where: { id: expired.id } })).status).toBe("NEEDS_RECONNECT");
  });

  it("without a refresh token there is nothing to try: reconnect alert, no network call", async () => {
    fake = new FakeNetwork().install();
    const organizationId = await fixtures.org("Tokens None Co");
    const account = await fixtures.account(organizationId, "X", { tokenExpiresAt: new Date(Date.now() + 86_400_000), refreshToken: null });

    expect(await refreshAccountToken({ organizationId, socialAccountId: account.id })).toEqual({ status: "reconnect-needed", reason: "the network did not issue a refresh token" });
    expect(fake.refreshCalls).toEqual([]);
  });

  it("the daily cron refreshes each listed account", async () => {
    fake = new FakeNetwork().install();
    const organizationId = await fixtures.org("Tokens Cron Co");
    const account = await fixtures.account(organizationId, "X", { tokenExpiresAt: new Date(Date.now() + 86_400_000) });

    const { result } = await new InngestTestEngine({
      function: checkAccountTokens,
      steps: [{ id: "list-expiring", handler: () => [{ organizationId, socialAccountId: account.id }] }],
    }).execute();

    expect(result).toEqual({ checked: 1, outcomes: { [account.id]: "refreshed" } });
  });
});

describe("metrics fan-out", () => {
  it("sends one metrics/sync.account event per connected account, ids keyed by the hour", async () => {
    const organizationId = await fixtures.org("Fan-out Co");
    const a = await fixtures.account(organizationId, "X");
    const b = await fixtures.account(organizationId, "LINKEDIN");
    const accounts = [a, b].map((x) => ({ organizationId, socialAccountId: x.id }));

    const { result, ctx } = await new InngestTestEngine({
      function: syncMetricsCron,
      steps: [
        { id: "list-accounts", handler: () => accounts },
        { id: "hour", handler: () => "2026-03-01T10:00:00.000Z" },
        { id: "fan-out-0", handler: () => ({ ids: ["1", "2"] }) },
      ],
    }).execute();

    expect(result).toEqual({ accounts: 2 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("fan-out-0", [
      { name: "metrics/sync.account", id: `metrics:${a.id}:2026-03-01T10:00:00.000Z`, data: accounts[0] },
      { name: "metrics/sync.account", id: `metrics:${b.id}:2026-03-01T10:00:00.000Z`, data: accounts[1] },
    ]);
  });
});
