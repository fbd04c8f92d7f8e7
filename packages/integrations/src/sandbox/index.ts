import { systemDb } from "@mg/db/system";
import { integrationsEnv, type IntegrationsEnv } from "../env";
import type { NetworkAdapter, PublishMedia } from "../types";
import { createSandboxAdapter, sandboxExternalPostId, sandboxPostUrl, sandboxRowId } from "./adapter";

export { createSandboxAdapter, sandboxExternalPostId, sandboxPostUrl, type SandboxOptions } from "./adapter";
export { decodeSandboxCode, encodeSandboxCode, sandboxExternalId } from "./credentials";
export { sandboxPostMetrics, sandboxComments } from "./engagement";
export { SANDBOX_RULES } from "./rules";

/** The Sandbox as configured by SANDBOX_FAILURE_RATE / SANDBOX_LATENCY_MS / APP_URL. */
export function sandboxAdapterFromEnv(env: IntegrationsEnv = integrationsEnv()): NetworkAdapter {
  return createSandboxAdapter({
    appUrl: env.APP_URL,
    failureRate: env.SANDBOX_FAILURE_RATE,
    latency: env.SANDBOX_LATENCY_MS,
    faults: { lookupLagMs: env.SANDBOX_LOOKUP_LAG_MS, dropRate: env.SANDBOX_DROP_RATE, refuseDuplicates: env.SANDBOX_REFUSE_DUPLICATES, idempotency: env.SANDBOX_IDEMPOTENCY },
  });
}

export interface SandboxPostView {
  /** The network id, `sbx_…`. */
  externalId: string;
  accountExternalId: string;
  text: string;
  media: PublishMedia[];
  firstComment: string | null;
  idempotencyKey: string | null;
  url: string;
  createdAt: Date;
  deletedAt: Date | null;
}

function view(row: { id: string; accountExternalId: string; text: string; media: unknown; firstComment: string | null; idempotencyKey: string | null; createdAt: Date; deletedAt: Date | null }): SandboxPostView {
  const externalId = sandboxExternalPostId(row.id);
  return {
    externalId,
    accountExternalId: row.accountExternalId,
    text: row.text,
    media: Array.isArray(row.media) ? (row.media as PublishMedia[]) : [],
    firstComment: row.firstComment,
    idempotencyKey: row.idempotencyKey,
    url: sandboxPostUrl(integrationsEnv().APP_URL, externalId),
    createdAt: row.createdAt,
    deletedAt: row.deletedAt,
  };
}

/** Every post the Sandbox holds for an account, deleted ones included (oldest first) — for tests and checks. */
export async function sandboxPostsFor(accountExternalId: string): Promise<SandboxPostView[]> {
  const rows = await systemDb().sandboxPost.findMany({ where: { accountExternalId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(view);
}

/** One Sandbox post by its network id (the web app's /sandbox/posts/<id> page), or null. */
export async function findSandboxPost(externalId: string): Promise<SandboxPostView | null> {
  const id = sandboxRowId(externalId);
  const row = id ? await systemDb().sandboxPost.findUnique({ where: { id } }) : null;
  return row ? view(row) : null;
}
