import { systemDb } from "@mg/db/system";
import type { Tenant } from "../fixtures";
import type { ProcedureCase } from "../procedure-cases";
import { createImportBatch, createPostRow, createSandboxAccount, futureLocalTime } from "../social-fixtures";
import { freshCampaign, freshMedia } from "./social";

const farFuture = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60 * 86_400_000) });

/** A draft on one of `self`'s accounts, with `extra` fields (which name `other`'s rows). */
async function draftWith(self: Tenant, extra: Record<string, unknown>) {
  return { content: "A draft", targets: [{ socialAccountId: (await createSandboxAccount(self)).id }], intent: "draft", ...extra };
}

/** `self`'s editable draft, with `extra` fields. */
async function editWith(self: Tenant, extra: Record<string, unknown>) {
  const { post, accountId } = await createPostRow(self);
  return { postId: post.id, content: "Edited", targets: [{ socialAccountId: accountId }], intent: "draft", ...extra };
}

/** A target whose outcome the publish pipeline could not confirm (past the lag window, no proof either way). */
export async function unconfirmedTarget(tenant: Tenant): Promise<string> {
  const { post, target } = await createPostRow(tenant, { status: "SCHEDULED" });
  await systemDb().post.update({ where: { id: post.id }, data: { status: "OUTCOME_UNKNOWN" } });
  await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "OUTCOME_UNKNOWN", lastErrorCode: "OUTCOME_UNKNOWN", lastError: "We couldn't confirm this went out on Sandbox." } });
  await systemDb().publishLedger.create({
    data: {
      organizationId: tenant.id,
      postTargetId: target.id,
      scheduleVersion: post.scheduleVersion,
      idempotencyKey: `${target.id}:v${post.scheduleVersion}`,
      state: "OUTCOME_UNKNOWN",
      attempts: 1,
      sentAt: new Date(Date.now() - 10 * 60_000),
      outcomeUnknownAt: new Date(),
      errorCode: "NOT_VISIBLE_YET",
    },
  });
  return target.id;
}

const FILTER = "A filter: another organization's id matches nothing here, like an id that exists nowhere (an empty page, not NOT_FOUND).";

export const POSTS_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "posts.list": {
    valid: () => farFuture(),
    foreign: async (_self, other) => ({ ...farFuture(), accountIds: [(await createSandboxAccount(other)).id] }),
    foreignAlso: { campaignIds: async (_self, other) => ({ ...farFuture(), campaignIds: [await freshCampaign(other)] }) },
    foreignAnswer: { kind: "as-unknown-id", reason: FILTER },
  },
  "posts.search": {
    valid: () => ({ limit: 10 }),
    foreign: async (_self, other) => ({ limit: 10, cursor: (await createPostRow(other)).post.id }),
    foreignAlso: { campaignId: async (_self, other) => ({ limit: 10, campaignId: await freshCampaign(other) }) },
    foreignAnswer: { kind: "as-unknown-id", reason: `${FILTER} A cursor is a position in the caller's own list, read the same way.` },
  },
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
    foreignAlso: {
      mediaIds: async (self, other) => ({ content: "Hello", mediaIds: [await freshMedia(other)], targets: [{ socialAccountId: (await createSandboxAccount(self)).id }] }),
    },
  },
  "posts.optimalTimes": {
    valid: async (t) => ({ accountId: (await createSandboxAccount(t)).id }),
    foreign: async (_self, other) => ({ accountId: (await createSandboxAccount(other)).id }),
  },
  "posts.create": {
    valid: async (t) => ({ content: "A draft", targets: [{ socialAccountId: (await createSandboxAccount(t)).id }], intent: "draft" }),
    foreign: async (_self, other) => ({ content: "A draft", targets: [{ socialAccountId: (await createSandboxAccount(other)).id }], intent: "draft" }),
    foreignAlso: {
      mediaIds: async (self, other) => draftWith(self, { mediaIds: [await freshMedia(other)] }),
      variantMediaIds: async (self, other) => ({
        content: "A draft",
        targets: [{ socialAccountId: (await createSandboxAccount(self)).id, useBaseMedia: false, variantMediaIds: [await freshMedia(other)] }],
        intent: "draft",
      }),
      campaignId: async (self, other) => draftWith(self, { campaignId: await freshCampaign(other) }),
    },
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
    foreignAlso: {
      socialAccountId: async (self, other) => ({ ...(await editWith(self, {})), targets: [{ socialAccountId: (await createSandboxAccount(other)).id }] }),
      mediaIds: async (self, other) => editWith(self, { mediaIds: [await freshMedia(other)] }),
      campaignId: async (self, other) => editWith(self, { campaignId: await freshCampaign(other) }),
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
  "posts.confirmLive": {
    valid: async (t) => ({ targetId: await unconfirmedTarget(t), url: "https://x.com/northwind/status/1850000000000000000" }),
    foreign: async (_self, other) => ({ targetId: await unconfirmedTarget(other) }),
  },
  "posts.sendAgain": {
    valid: async (t) => ({ targetId: await unconfirmedTarget(t) }),
    foreign: async (_self, other) => ({ targetId: await unconfirmedTarget(other) }),
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
    foreignAnswer: {
      kind: "as-unknown-id",
      reason: "The id is a cell of an uploaded file: every row is checked and answered per row (BAD_REQUEST with row errors, nothing imported), and another organization's account reads exactly like an account that does not exist.",
    },
  },
  "posts.undoImport": {
    valid: async (t) => ({ batchId: (await createImportBatch(t)).id }),
    foreign: async (_self, other) => ({ batchId: (await createImportBatch(other)).id }),
  },
};
