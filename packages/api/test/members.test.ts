import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "./fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("members");
});
afterAll(async () => {
  await deleteTenant(t);
});

const owner = () => callerFor(t.users.OWNER, t.slug);

describe("members", () => {
  it("invites, previews and accepts; the invitee becomes a member with the invited role", async () => {
    const email = `new-${Date.now()}@test.local`;
    const invited = await owner().members.invite({ email, role: "CONTENT_EDITOR" });
    const token = invited.inviteUrl.split("/invite/")[1] ?? "";
    expect(token.length).toBeGreaterThan(20);

    const preview = await callerFor(null, null).members.invitationPreview({ token });
    expect(preview).toMatchObject({ email, role: "CONTENT_EDITOR", organizationName: t.name });

    const stranger = await systemDb().user.create({ data: { email: `other-${Date.now()}@test.local` } });
    expect(await outcome(callerFor({ id: stranger.id, email: stranger.email, name: null, emailVerified: true, sessionId: null }, null).members.accept({ token }))).toBe("FORBIDDEN");

    const invitee = await systemDb().user.create({ data: { email } });
    const accepted = await callerFor({ id: invitee.id, email, name: null, emailVerified: true, sessionId: null }, null).members.accept({ token });
    expect(accepted).toMatchObject({ organizationSlug: t.slug, role: "CONTENT_EDITOR" });
    // The link is single-use.
    expect(await outcome(callerFor({ id: invitee.id, email, name: null, emailVerified: true, sessionId: null }, null).members.accept({ token }))).toBe("NOT_FOUND");
    const membership = await systemDb().membership.findFirst({ where: { organizationId: t.id, userId: invitee.id } });
    expect(membership?.role).toBe("CONTENT_EDITOR");
    const audit = await systemDb().auditLog.findFirst({ where: { organizationId: t.id, action: "members.accept", actorId: invitee.id } });
    expect(audit).not.toBeNull();
    await systemDb().user.deleteMany({ where: { id: { in: [stranger.id, invitee.id] } } });
  });

  it("nobody grants a role above their own", async () => {
    const admin = callerFor(t.users.ADMIN, t.slug);
    expect(await outcome(admin.members.invite({ email: `x-${Date.now()}@test.local`, role: "OWNER" }))).toBe("FORBIDDEN");
    expect(await outcome(admin.members.changeRole({ membershipId: t.membershipIds.VIEWER, role: "OWNER" }))).toBe("FORBIDDEN");
    expect(await outcome(admin.members.changeRole({ membershipId: t.membershipIds.OWNER, role: "VIEWER" }))).toBe("FORBIDDEN");
    expect(await outcome(admin.members.remove({ membershipId: t.membershipIds.OWNER }))).toBe("FORBIDDEN");
  });

  it("the last owner can neither leave nor be demoted", async () => {
    expect(await outcome(owner().members.leave())).toBe("BAD_REQUEST");
    expect(await outcome(owner().members.changeRole({ membershipId: t.membershipIds.OWNER, role: "ADMIN" }))).toBe("BAD_REQUEST");
    expect((await systemDb().membership.findUniqueOrThrow({ where: { id: t.membershipIds.OWNER } })).role).toBe("OWNER");
  });

  it("a second owner makes leaving possible", async () => {
    await owner().members.changeRole({ membershipId: t.membershipIds.ADMIN, role: "OWNER" });
    const adminAsOwner = callerFor(t.users.ADMIN, t.slug);
    expect(await outcome(adminAsOwner.members.leave())).toBe("OK");
    expect(await outcome(adminAsOwner.organization.current())).toBe("NOT_FOUND");
  });

  it("re-inviting an address replaces the pending invitation", async () => {
    const email = `again-${Date.now()}@test.local`;
    await owner().members.invite({ email, role: "VIEWER" });
    await owner().members.invite({ email, role: "ANALYST" });
    const open = await systemDb().invitation.findMany({ where: { organizationId: t.id, email, revokedAt: null } });
    expect(open.map((i) => i.role)).toEqual(["ANALYST"]);
  });

  it("validation errors come back flattened per field", async () => {
    try {
      await owner().members.invite({ email: "not-an-email", role: "VIEWER" });
      expect.unreachable("invite accepted a bad email");
    } catch (error) {
      expect((error as { code?: string }).code).toBe("BAD_REQUEST");
    }
  });
});
