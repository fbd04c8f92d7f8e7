process.env.SANDBOX_FAILURE_RATE = "0";
process.env.SANDBOX_LATENCY_MS = "0";
process.env.PUBLISH_ACCOUNT_SPACING_MS = "0";

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { systemDb } from "@mg/db/system";
import { sandboxPostsFor } from "@mg/integrations";
import { encodeSandboxCode } from "@mg/integrations/sandbox";
import { resetIntegrationsEnv } from "@mg/integrations/env";
import { publishPost } from "@mg/jobs";
import { completeConnect } from "../../src/services/social-connect";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import { futureLocalTime } from "../social-fixtures";

/**
 * The whole path, nothing faked but the clock: connect a Sandbox account through its consent
 * code → schedule a post through tRPC → the publish event is captured (the outbox holds exactly
 * what the engine would receive) → the durable function runs with that event (its sleeps
 * mocked) → the Sandbox holds exactly one post and the ledger says VERIFIED, even after the
 * event is delivered a second time.
 */
let tenant: Tenant;
beforeAll(async () => {
  resetIntegrationsEnv();
  tenant = await createTenant("publish-e2e");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const SLEEPS = ["wait-until-scheduled", "wait-before-verify-1", "wait-before-verify-2", "wait-before-verify-3"].map((id) => ({ id, handler: () => undefined }));

describe("schedule → event → durable publish → verified on the Sandbox", () => {
  it("publishes exactly once and verifies", async () => {
    const owner = callerFor(tenant.users.OWNER, tenant.slug);
    const { authorizationUrl } = await owner.socialAccounts.startConnect({ network: "SANDBOX" });
    const url = new URL(authorizationUrl);
    const code = encodeSandboxCode({ name: "Publish Bakery", handle: `publish_${randomUUID().slice(0, 8)}`, codeChallenge: url.searchParams.get("code_challenge") ?? "" });
    const { accountIds } = await completeConnect({ network: "SANDBOX", code, state: url.searchParams.get("state") ?? "", userId: tenant.users.OWNER.id });
    const accountId = accountIds[0];
    if (!accountId) throw new Error("the Sandbox connect returned no account");

    const manager = callerFor(tenant.users.CONTENT_MANAGER, tenant.slug);
    const post = await manager.posts.create({
      content: "Warm croissants at 8 🥐",
      targets: [{ socialAccountId: accountId }],
      intent: "schedule",
      schedule: { timezone: "Europe/London", localTime: futureLocalTime(1, "08:00") },
    });

    const captured = await systemDb().eventOutbox.findUniqueOrThrow({ where: { eventId: `post:${post.id}:v1` } });
    expect(captured.name).toBe("post/scheduled");
    const event = { name: "post/scheduled" as const, id: captured.eventId, data: captured.payload as Record<string, unknown> };
    const run = () => new InngestTestEngine({ function: publishPost, events: [event], steps: SLEEPS }).execute();

    const first = await run();
    expect(first.error).toBeUndefined();
    await run(); // a duplicate delivery (an outbox replay, an engine retry) changes nothing

    const account = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: accountId } });
    const onNetwork = await sandboxPostsFor(account.externalId);
    expect(onNetwork).toHaveLength(1);
    expect(onNetwork[0]?.text).toBe("Warm croissants at 8 🥐");

    const full = await manager.posts.get({ postId: post.id });
    expect(full.status).toBe("PUBLISHED");
    const [target] = full.targets;
    expect(target?.status).toBe("PUBLISHED");
    expect(target?.externalId).toBe(onNetwork[0]?.externalId);
    expect(target?.ledger.map((row) => row.state)).toEqual(["VERIFIED"]);
    expect(target?.ledger[0]?.acknowledgedAt).not.toBeNull();
    expect(target?.ledger[0]?.verifiedAt).not.toBeNull();
  });
});
