import "./helpers/env";
import { InngestTestEngine } from "@inngest/test";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { provisionOrganization } from "../src/functions/provision-organization";
import { listDevMail } from "../src/mailer";
import { DEFAULT_ONBOARDING_TASKS } from "../src/onboarding";
import { Fixtures } from "./helpers/fixtures";

const fixtures = new Fixtures();

afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

function engineFor(organizationId: string, createdByUserId: string | null) {
  return new InngestTestEngine({
    function: provisionOrganization,
    events: [{ name: "organization/created", data: { organizationId, createdByUserId } }],
  });
}

function taskKeys(organizationId: string) {
  return systemDb()
    .onboardingTask.findMany({ where: { organizationId }, orderBy: { key: "asc" }, select: { key: true } })
    .then((rows) => rows.map((row) => row.key));
}

const defaultKeys = DEFAULT_ONBOARDING_TASKS.map((task) => task.key).sort();

describe("provision-organization", () => {
  it("creates the onboarding checklist, sends the welcome mail and marks the organization provisioned", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Provision Happy Co");

    const { result, error } = await engineFor(org.id, owner.id).execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "provisioned", tasksCreated: 5, welcomeMails: 1, firstProvisioning: true });
    expect(await taskKeys(org.id)).toEqual(defaultKeys);
    const mails = await listDevMail({ to: owner.email });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("Provision Happy Co");
    expect(mails[0]?.text).toContain(`http://localhost:3000/${org.slug}`);
    expect(mails[0]?.html).toContain("Olivia Owner");
    const after = await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.provisionedAt).toBeInstanceOf(Date);
  });

  it("is safe to run twice: no duplicate tasks, no second welcome mail, provisionedAt kept", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Provision Twice Co");

    // Two separate runs (a re-delivered event), not one engine re-executed: the test engine
    // memoizes step results across executions of the same instance, like a retry would.
    await engineFor(org.id, owner.id).execute();
    const firstProvisionedAt = (await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } })).provisionedAt;
    const second = await engineFor(org.id, owner.id).execute();

    expect(second.error).toBeUndefined();
    expect(second.result).toEqual({ status: "provisioned", tasksCreated: 0, welcomeMails: 0, firstProvisioning: false });
    expect(await taskKeys(org.id)).toEqual(defaultKeys);
    expect(await listDevMail({ to: owner.email })).toHaveLength(1);
    const after = await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.provisionedAt).toEqual(firstProvisionedAt);
  });

  it("does nothing for an organization that was deleted before the job ran", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Provision Deleted Co");
    await systemDb().organization.delete({ where: { id: org.id } });

    const { result, error } = await engineFor(org.id, owner.id).execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "skipped", reason: "organization-not-found" });
    expect(await taskKeys(org.id)).toEqual([]);
    expect(await listDevMail({ to: owner.email })).toHaveLength(0);
  });

  it("does nothing for a soft-deleted organization", async () => {
    const { org, owner } = await fixtures.organizationWithOwner("Provision Archived Co");
    await systemDb().organization.update({ where: { id: org.id }, data: { deletedAt: new Date() } });

    const { result } = await engineFor(org.id, owner.id).execute();

    expect(result).toEqual({ status: "skipped", reason: "organization-not-found" });
    expect(await taskKeys(org.id)).toEqual([]);
    expect(await listDevMail({ to: owner.email })).toHaveLength(0);
    const after = await systemDb().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.provisionedAt).toBeNull();
  });

  it("rejects an event whose payload does not match the schema, without running any step", async () => {
    const engine = new InngestTestEngine({
      function: provisionOrganization,
      events: [{ name: "organization/created", data: { organizationId: "not-an-id", createdByUserId: null } }],
    });

    const { error } = await engine.execute();

    expect(error).toBeDefined();
  });
});
