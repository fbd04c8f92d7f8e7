import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { gettingStartedSteps, progressOf, type GettingStartedState } from "../../src/services/getting-started";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import { createPostRow, createSandboxAccount } from "../social-fixtures";

const fresh: GettingStartedState = { connectedAccounts: 0, timezone: null, peopleWithAccess: 1, pendingInvitations: 0, scheduledPosts: 0 };
const doneOf = (state: GettingStartedState) => Object.fromEntries(gettingStartedSteps(state).map((s) => [s.key, s.done]));

describe("gettingStartedSteps (pure)", () => {
  it("a brand-new organization has every step to do, each saying why", () => {
    const steps = gettingStartedSteps(fresh);
    expect(steps.map((s) => [s.key, s.done, s.detail])).toEqual([
      ["connect-social-account", false, "None yet — the Sandbox needs no setup"],
      ["set-timezone", false, "Not set"],
      ["invite-teammate", false, "Only you so far"],
      ["schedule-first-post", false, "Nothing scheduled yet"],
    ]);
    expect(progressOf(steps)).toEqual({ done: 0, total: 4 });
  });

  it("each step follows its own state and nothing else", () => {
    expect(doneOf({ ...fresh, connectedAccounts: 2 })).toMatchObject({ "connect-social-account": true, "set-timezone": false });
    expect(gettingStartedSteps({ ...fresh, connectedAccounts: 2 })[0]?.detail).toBe("2 connected");
    expect(doneOf({ ...fresh, timezone: "Europe/Paris" })).toMatchObject({ "set-timezone": true });
    expect(gettingStartedSteps({ ...fresh, timezone: "Europe/Paris" })[1]?.detail).toBe("Europe/Paris");
    // UTC chosen at onboarding is a choice like any other.
    expect(doneOf({ ...fresh, timezone: "UTC" })).toMatchObject({ "set-timezone": true });
    expect(doneOf({ ...fresh, timezone: "Not/AZone" })).toMatchObject({ "set-timezone": false });
    expect(doneOf({ ...fresh, pendingInvitations: 1 })).toMatchObject({ "invite-teammate": true });
    expect(gettingStartedSteps({ ...fresh, peopleWithAccess: 7 })[2]?.detail).toBe("7 people have access");
    expect(doneOf({ ...fresh, scheduledPosts: 1 })).toMatchObject({ "schedule-first-post": true });
    expect(progressOf(gettingStartedSteps({ connectedAccounts: 1, timezone: "UTC", peopleWithAccess: 2, pendingInvitations: 0, scheduledPosts: 3 }))).toEqual({ done: 4, total: 4 });
  });

  it("a disconnected account undoes the step again: it follows the state, not a one-way flag", () => {
    expect(doneOf({ ...fresh, connectedAccounts: 0 })["connect-social-account"]).toBe(false);
  });
});

describe("organization.gettingStarted", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant("getting-started");
  });
  afterAll(async () => {
    await deleteTenant(t);
  });

  it("derives the client's checklist from its accounts, zone, people and posts — whatever the stored rows say", async () => {
    // A client created by the agency with a chosen zone, stored tasks all undone (as provisioning writes them).
    await systemDb().organization.update({ where: { id: t.clientId }, data: { timezone: "America/New_York" } });
    await systemDb().onboardingTask.createMany({
      data: ["connect-social-account", "set-timezone", "invite-teammate", "schedule-first-post", "create-landing-page"].map((key) => ({ organizationId: t.clientId, key, title: key })),
    });
    const client = { id: t.clientId };
    await createSandboxAccount(client);
    await createSandboxAccount(client);
    await createSandboxAccount(client, { status: "DISCONNECTED" });

    const caller = callerFor(t.users.VIEWER, t.clientSlug);
    const before = await caller.organization.gettingStarted();
    expect(before.steps.map((s) => [s.key, s.done, s.detail])).toEqual([
      ["connect-social-account", true, "2 connected"],
      ["set-timezone", true, "America/New_York"],
      // The agency's six people reach the client.
      ["invite-teammate", true, "6 people have access"],
      ["schedule-first-post", false, "Nothing scheduled yet"],
    ]);
    expect(before).toMatchObject({ done: 3, total: 4 });

    await createPostRow(client, { status: "SCHEDULED" });
    expect((await caller.organization.gettingStarted()).steps.find((s) => s.key === "schedule-first-post")).toMatchObject({ done: true, detail: "1 post scheduled or published" });

    // The agency's overview of its clients counts the same way.
    const overview = await callerFor(t.users.OWNER, t.slug).organization.listClients();
    expect(overview.clients.find((c) => c.id === t.clientId)?.onboarding).toEqual({ done: 4, total: 4 });
  });

  it("a standalone business alone with no invitation has its teammate step to do", async () => {
    const business = await systemDb().organization.create({ data: { name: `Solo ${randomUUID().slice(0, 6)}`, slug: `solo-${randomUUID().slice(0, 8)}`, plan: "PROFESSIONAL", status: "ACTIVE", timezone: "Europe/Rome" } });
    try {
      await systemDb().membership.create({ data: { organizationId: business.id, userId: t.users.OWNER.id, role: "OWNER" } });
      const steps = (await callerFor(t.users.OWNER, business.slug).organization.gettingStarted()).steps;
      expect(steps.find((s) => s.key === "invite-teammate")).toMatchObject({ done: false, detail: "Only you so far" });
      await callerFor(t.users.OWNER, business.slug).members.invite({ email: `teammate-${randomUUID()}@test.local`, role: "VIEWER" });
      const after = (await callerFor(t.users.OWNER, business.slug).organization.gettingStarted()).steps;
      expect(after.find((s) => s.key === "invite-teammate")).toMatchObject({ done: true, detail: "1 invitation sent" });
    } finally {
      await systemDb().organization.delete({ where: { id: business.id } });
    }
  });
});
