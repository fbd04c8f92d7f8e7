import { randomUUID } from "node:crypto";
import { Inngest, type Logger } from "inngest";
import { z } from "zod";
import { jobsEnv, parseInngestDev, type JobsEnv } from "./env";
import { jobEventSchemas, type JobEvent } from "./events";
import { OutboxMiddleware, runInSendScope } from "./outbox/middleware";
import { replayOutboxWith, type ReplayOptions, type ReplayResult } from "./outbox/replay";
import { describeError, persistEvents } from "./outbox/store";

export { outboxStatus, pendingEventsForOrganization, type OutboxStatus } from "./outbox/store";
export type { ReplayOptions, ReplayResult } from "./outbox/replay";

export const APP_ID = "marketing-genius";

/** Connection settings of a jobs client; every field falls back to the SDK's own env lookup. */
export interface JobsClientConfig {
  /** Event key (Inngest Cloud / self-hosted). */
  eventKey?: string;
  /** Signing key the engine uses when calling /api/inngest. */
  signingKey?: string;
  /** Event + API base URL: a self-hosted engine, the dev server, or a test double. */
  baseUrl?: string;
  /** Dev mode (local dev server, no signature checks) or cloud mode. */
  isDev?: boolean;
  /** How long one attempt to reach the event API may take before it counts as unreachable. */
  sendTimeoutMs?: number;
  logger?: Logger;
}

export function jobsClientConfigFromEnv(env: JobsEnv = jobsEnv()): JobsClientConfig {
  const dev = parseInngestDev(env.INNGEST_DEV);
  return {
    eventKey: env.INNGEST_EVENT_KEY,
    signingKey: env.INNGEST_SIGNING_KEY,
    isDev: dev.isDev,
    baseUrl: env.INNGEST_BASE_URL ?? dev.devUrl,
  };
}

/** Whether any job engine is configured at all (cloud key, self-hosted URL or dev server). */
export function jobEngineConfigured(config: JobsClientConfig = jobsClientConfigFromEnv()): boolean {
  return Boolean(config.eventKey || config.baseUrl || config.isDev);
}

function requestUrl(input: string | URL | Request): URL | null {
  try {
    return new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  } catch {
    return null;
  }
}

/**
 * The SDK retries a failed send 5 times with backoff; against a black-holed host each attempt
 * would wait for the TCP timeout and hold a user's request for minutes. Bound each attempt on
 * the event API (POST /e/<key>) only; other SDK calls keep their own behaviour.
 */
function fetchWithEventTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const url = requestUrl(input);
    const isEventApi = init?.method === "POST" && url !== null && /\/e\/[^/]+$/.test(url.pathname);
    if (!isEventApi || init?.signal) return fetch(input, init);
    return fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  };
}

/** A configured client; tests pass their own config (closed ports, fake engines). */
export function createJobsClient(config: JobsClientConfig = jobsClientConfigFromEnv()) {
  return new Inngest({
    id: APP_ID,
    eventKey: config.eventKey,
    signingKey: config.signingKey,
    baseUrl: config.baseUrl,
    isDev: config.isDev,
    logger: config.logger,
    fetch: fetchWithEventTimeout(config.sendTimeoutMs ?? 5_000),
    middleware: [OutboxMiddleware],
  });
}

export type JobsClient = ReturnType<typeof createJobsClient>;

/** The app's client, configured from the environment. Functions are registered on it. */
export const inngest: JobsClient = createJobsClient();

export interface SendEventResult {
  /** The event's id (given or generated): its deduplication key. */
  id: string;
  /** True when the engine was unreachable and the event waits in the outbox. */
  queued: boolean;
}

/**
 * What the API layer calls after its transaction commits (so the job sees the committed rows).
 * Validates the payload (throws on a programming error), then sends; when the engine is
 * unreachable the event is stored in the outbox and this still resolves.
 */
const NO_ENGINE_REASON = "No job engine is configured (INNGEST_EVENT_KEY, INNGEST_DEV or INNGEST_BASE_URL).";

export async function sendEvent(event: JobEvent, options: { client?: JobsClient } = {}): Promise<SendEventResult> {
  const client = options.client ?? inngest;
  const parsed = jobEventSchemas[event.name].safeParse(event.data);
  if (!parsed.success) throw new Error(`Invalid "${event.name}" event:\n${z.prettifyError(parsed.error)}`);

  const payload = { name: event.name, id: event.id ?? randomUUID(), data: parsed.data };
  if (!options.client && !jobEngineConfigured()) {
    // No engine configured at all: the SDK would spend seconds failing; keep the event directly.
    await persistEvents([payload], NO_ENGINE_REASON);
    return { id: payload.id, queued: true };
  }
  const scope = { bypassOutbox: false, queued: false };
  try {
    await runInSendScope(scope, () => client.send(payload));
    return { id: payload.id, queued: scope.queued };
  } catch (error) {
    // The SDK throws before its middleware runs in cloud mode without an event key.
    const reason = describeError(error);
    await persistEvents([payload], reason);
    client.logger.warn(`job engine not configured; event ${payload.name} kept in the outbox (${reason.split("\n")[0]})`);
    return { id: payload.id, queued: true };
  }
}

/**
 * Sends many events in chunks (one request per chunk): bulk actions such as a 10,000-row import.
 * A chunk the engine cannot take goes to the outbox like a single event would.
 */
export async function sendEvents(events: JobEvent[], options: { client?: JobsClient; chunkSize?: number } = {}): Promise<{ sent: number; queued: number }> {
  const client = options.client ?? inngest;
  const chunkSize = options.chunkSize ?? 500;
  const payloads = events.map((event) => {
    const parsed = jobEventSchemas[event.name].safeParse(event.data);
    if (!parsed.success) throw new Error(`Invalid "${event.name}" event:\n${z.prettifyError(parsed.error)}`);
    return { name: event.name, id: event.id ?? randomUUID(), data: parsed.data };
  });
  let sent = 0;
  let queued = 0;
  if (!options.client && !jobEngineConfigured()) {
    for (let i = 0; i < payloads.length; i += chunkSize) queued += await persistEvents(payloads.slice(i, i + chunkSize), NO_ENGINE_REASON);
    return { sent, queued };
  }
  for (let i = 0; i < payloads.length; i += chunkSize) {
    const chunk = payloads.slice(i, i + chunkSize);
    const scope = { bypassOutbox: false, queued: false };
    try {
      await runInSendScope(scope, () => client.send(chunk));
      if (scope.queued) queued += chunk.length;
      else sent += chunk.length;
    } catch (error) {
      await persistEvents(chunk, describeError(error));
      queued += chunk.length;
    }
  }
  return { sent, queued };
}

/** Sends waiting outbox events through `client` (default: the app's client). */
export function replayOutbox(options: ReplayOptions & { client?: JobsClient } = {}): Promise<ReplayResult> {
  const { client = inngest, ...rest } = options;
  return replayOutboxWith(client, rest);
}
