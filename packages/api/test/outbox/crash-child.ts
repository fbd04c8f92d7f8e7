/**
 * Run by crash-between-commit-and-send.test.ts in its own process: invites someone through the
 * real procedure while the job engine accepts connections and never answers, so the after-commit
 * delivery hangs — and the parent kills this process there, after the commit, before any send.
 */
import { createCaller } from "../../src/root";
import { createInnerContext } from "../../src/trpc/context";

const [userId, email, orgSlug, invitee] = process.argv.slice(2);
if (!userId || !email || !orgSlug || !invitee) throw new Error("usage: crash-child <userId> <email> <orgSlug> <invitee>");

const caller = createCaller(createInnerContext({ user: { id: userId, email, name: "Crash Owner", emailVerified: true, sessionId: null }, orgSlug, ip: "127.0.0.1", userAgent: "crash-child" }));
process.stdout.write("inviting\n");
await caller.members.invite({ email: invitee, role: "VIEWER" });
// Reaching this line means the send completed: the parent should have killed us before.
process.stdout.write("delivered\n");
