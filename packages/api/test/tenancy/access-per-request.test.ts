import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemDb } from "@mg/db/system";
import * as resolveAccess from "../../src/tenancy/resolve-access";
import { createCaller } from "../../src/root";
import { createInnerContext } from "../../src/trpc/context";
import { createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

// Counts the lookups while running the real one.
vi.mock("../../src/tenancy/resolve-access", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/tenancy/resolve-access")>();
  return { ...original, resolveOrgAccess: vi.fn(original.resolveOrgAccess) };
});

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("access-per-request");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("the organization access of one request", () => {
  it("calls of a request that arrive together (a batch) share one lookup", async () => {
    const lookups = vi.mocked(resolveAccess.resolveOrgAccess);
    lookups.mockClear();
    const caller = createCaller(createInnerContext({ user: tenant.users.VIEWER, orgSlug: tenant.slug, ip: "127.0.0.1", userAgent: "vitest" }));
    const answers = await Promise.all([caller.organization.current(), caller.organization.current(), caller.posts.search({ limit: 5 })]);
    expect(answers).toHaveLength(3);
    expect(lookups).toHaveBeenCalledTimes(1);
    // Another request looks up on its own.
    await createCaller(createInnerContext({ user: tenant.users.VIEWER, orgSlug: tenant.slug })).organization.current();
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it("is never reused once answered: a later call of the same context sees a removed membership", async () => {
    const caller = createCaller(createInnerContext({ user: tenant.users.CONTENT_EDITOR, orgSlug: tenant.slug, ip: "127.0.0.1", userAgent: "vitest" }));
    expect(await outcome(caller.organization.current())).toBe("OK");
    await systemDb().membership.delete({ where: { id: tenant.membershipIds.CONTENT_EDITOR } });
    expect(await outcome(caller.organization.current())).toBe("NOT_FOUND");
  });
});
