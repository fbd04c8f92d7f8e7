import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/root";
import { can, PERMISSIONS, type Permission } from "../src/rbac";
import { listProcedures } from "../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "./fixtures";
import { createPostRow } from "./social-fixtures";

/**
 * A permission is a promise: a role that lacks it is refused something. Every permission must be
 * some procedure's permission, or be checked inside handlers (listed here and proven below).
 */
const procedurePermissions = new Set(listProcedures(appRouter).flatMap((p) => (p.meta?.permission ? [p.meta.permission] : [])));

/** Checked inside the posts handlers: editing and deleting other people's posts. */
const HANDLER_PERMISSIONS: Partial<Record<Permission, string>> = {
  "posts.update": "posts.update / posts.delete on someone else's post (posts.edit_own covers one's own drafts)",
  "posts.delete": "posts.delete on someone else's post",
};

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("permissions");
});
afterAll(async () => {
  await deleteTenant(t);
});

describe("every permission gates something", () => {
  it("each permission is a procedure's or a handler's check; none is decoration", () => {
    const unused = PERMISSIONS.filter((p) => !procedurePermissions.has(p) && !HANDLER_PERMISSIONS[p]);
    expect(unused, "permissions that no procedure or handler checks").toEqual([]);
  });

  it("an analyst differs from a viewer in what procedures allow", () => {
    const analystOnly = listProcedures(appRouter).filter((p) => p.meta?.permission && can("ANALYST", p.meta.permission) && !can("VIEWER", p.meta.permission));
    expect(analystOnly.map((p) => p.path)).toEqual(expect.arrayContaining(["analytics.postMetrics", "analytics.accountMetrics", "analytics.export"]));
  });

  it("the handler checks hold: editors change only their own drafts, managers anyone's", async () => {
    const editor = callerFor(t.users.CONTENT_EDITOR, t.slug);
    const manager = callerFor(t.users.CONTENT_MANAGER, t.slug);
    expect(can("CONTENT_EDITOR", "posts.edit_own") && !can("CONTENT_EDITOR", "posts.update") && !can("CONTENT_EDITOR", "posts.delete")).toBe(true);

    const someoneElses = await createPostRow(t, { authorId: t.users.OWNER.id });
    const edit = (post: typeof someoneElses) => ({ postId: post.post.id, content: "Edited", targets: [{ socialAccountId: post.accountId }], intent: "draft" as const });
    expect(await outcome(editor.posts.update(edit(someoneElses)))).toBe("FORBIDDEN");
    expect(await outcome(editor.posts.delete({ postId: someoneElses.post.id }))).toBe("FORBIDDEN");
    expect(await outcome(manager.posts.update(edit(someoneElses)))).toBe("OK");
    expect(await outcome(manager.posts.delete({ postId: someoneElses.post.id }))).toBe("OK");

    const own = await createPostRow(t, { authorId: t.users.CONTENT_EDITOR.id });
    expect(await outcome(editor.posts.update(edit(own)))).toBe("OK");
    expect(await outcome(editor.posts.delete({ postId: own.post.id }))).toBe("OK");
  });
});
