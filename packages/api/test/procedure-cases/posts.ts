import type { ProcedureCase } from "../procedure-cases";
import { createImportBatch, createPostRow, createSandboxAccount, futureLocalTime } from "../social-fixtures";

const farFuture = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60 * 86_400_000) });

export const POSTS_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "posts.list": {
    valid: () => farFuture(),
    foreign: async (_self, other) => ({ ...farFuture(), accountIds: [(await createSandboxAccount(other)).id] }),
  },
  "posts.search": { valid: () => ({ limit: 10 }), foreign: async (_self, other) => ({ limit: 10, cursor: (await createPostRow(other)).post.id }) },
  "posts.get": {
    valid: async (t) => ({ postId: (await createPostRow(t)).post.id }),
    foreign: async (_self, other) => ({ postId: (await createPostRow(other)).post.id }),
  },
  "posts.ledger": {
    valid: async (t) => ({ postId: (await createPostRow(t)).post.id }),
    foreign: async (_self, other) => ({ postId: (await createPostRow(other)).post.id }),
  },
  "posts.resolveTime": { valid: () => ({ timezone: "America/New_York", localTime: "2026-03-08T02:30" }) },
  "posts.validate": {
    valid: async (t) => ({ content: "Hello", mediaIds: [], targets: [{ socialAccountId: (await createSandboxAccount(t)).id }] }),
    foreign: async (_self, other) => ({ content: "Hello", mediaIds: [], targets: [{ socialAccountId: (await createSandboxAccount(other)).id }] }),
  },
  "posts.optimalTimes": {
    valid: async (t) => ({ accountId: (await createSandboxAccount(t)).id }),
    foreign: async (_self, other) => ({ accountId: (await createSandboxAccount(other)).id }),
  },
  "posts.create": {
    valid: async (t) => ({ content: "A draft", targets: [{ socialAccountId: (await createSandboxAccount(t)).id }], intent: "draft" }),
    foreign: async (_self, other) => ({ content: "A draft", targets: [{ socialAccountId: (await createSandboxAccount(other)).id }], intent: "draft" }),
  },
  // An editor's own draft: editors may edit it, managers and up may edit anything.
  "posts.update": {
    valid: async (t) => {
      const { post, accountId } = await createPostRow(t, { authorId: t.users.CONTENT_EDITOR.id });
      return { postId: post.id, content: "Edited", targets: [{ socialAccountId: accountId }], intent: "draft" };
    },
    foreign: async (_self, other) => {
      const { post, accountId } = await createPostRow(other);
      return { postId: post.id, content: "Edited", targets: [{ socialAccountId: accountId }], intent: "draft" };
    },
  },
  "posts.schedule": {
    valid: async (t) => ({ postId: (await createPostRow(t, { status: "SCHEDULED" })).post.id, timezone: "Europe/London", localTime: futureLocalTime(5) }),
    foreign: async (_self, other) => ({ postId: (await createPostRow(other, { status: "SCHEDULED" })).post.id, timezone: "Europe/London", localTime: futureLocalTime(5) }),
  },
  "posts.unschedule": {
    valid: async (t) => ({ postId: (await createPostRow(t, { status: "SCHEDULED" })).post.id }),
    foreign: async (_self, other) => ({ postId: (await createPostRow(other, { status: "SCHEDULED" })).post.id }),
  },
  "posts.publishNow": {
    valid: async (t) => ({ postId: (await createPostRow(t, { status: "DRAFT" })).post.id }),
    foreign: async (_self, other) => ({ postId: (await createPostRow(other, { status: "DRAFT" })).post.id }),
  },
  "posts.retryTarget": {
    valid: async (t) => ({ targetId: (await createPostRow(t, { status: "FAILED" })).target.id }),
    foreign: async (_self, other) => ({ targetId: (await createPostRow(other, { status: "FAILED" })).target.id }),
  },
  "posts.delete": {
    valid: async (t) => ({ postId: (await createPostRow(t, { authorId: t.users.CONTENT_EDITOR.id })).post.id }),
    foreign: async (_self, other) => ({ postId: (await createPostRow(other)).post.id }),
  },
  "posts.importCsv": {
    valid: async (t) => {
      const account = await createSandboxAccount(t);
      return { fileName: "posts.csv", csv: `content,accounts,date,time\nHello from the import,@${account.handle},${futureLocalTime(4).slice(0, 10)},10:00\n` };
    },
    foreign: async (_self, other) => {
      const account = await createSandboxAccount(other);
      return { fileName: "posts.csv", csv: `content,accounts,date,time\nHello,${account.id},${futureLocalTime(4).slice(0, 10)},10:00\n` };
    },
  },
  "posts.undoImport": {
    valid: async (t) => ({ batchId: (await createImportBatch(t)).id }),
    foreign: async (_self, other) => ({ batchId: (await createImportBatch(other)).id }),
  },
};
