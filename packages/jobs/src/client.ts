import { Inngest, type Logger } from "inngest";
import { systemDb } from "@mg/db/system";
import { jobsEnv, parseInngestDev, type JobsEnv } from "./env";
import type { JobEvent } from "./events";
import { prepareEvents, writeOutboxEvents, type PreparedEvent } from "./outbox/enqueue";
import { EventIdMiddleware } from "./outbox/middleware";
import { relayOutbox, type RelayOptions, type RelayResult } from "./outbox/relay";

export { outboxStatus, pendingEventsForOrganization, type OutboxStatus } from "./outbox/store";
export { enqueueEvents, type OutboxWriter } from "./outbox/enqueue";
export type { RelayResult } from "./outbox/relay";

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
    middleware: [EventIdMiddleware],
  });
}

export type JobsClient = ReturnType<typeof createJobsClient>;

/** The app's client, configured from the environment. Functions are registered on it. */
export const inngest: JobsClient = createJobsClient();

export interface SendEventResult {
  /** The event's id (given or generated): its deduplication key. */
  id: string;
  /** True when it could not be delivered yet and waits in the outbox for the relay. */
  queued: boolean;
}

/** Where events go: the given client, the configured engine, or in-process delivery without one. */
function target(client: JobsClient | undefined): RelayOptions["target"] {
  return client ?? (jobEngineConfigured() ? inngest : "local");
}

export interface DeliverOptions {
  eventIds: readonly string[];
  client?: JobsClient;
}

/**
 * Delivers these outbox events now — the after-commit kick that keeps latency low. If the process
 * dies first, or delivery fails, the rows stay PENDING and the relay delivers them later.
 */
export async function deliverOutboxEvents({ eventIds, client }: DeliverOptions): Promise<RelayResult> {
  let result: RelayResult = { sent: 0, failed: 0, pending: 0, lastError: null };
  for (let i = 0; i < eventIds.length; i += 500) {
    const ids = eventIds.slice(i, i + 500);
    const chunk = await relayOutbox({ target: target(client), eventIds: ids, limit: ids.length });
    result = { sent: result.sent + chunk.sent, failed: result.failed + chunk.failed, pending: result.pending + chunk.pending, lastError: chunk.lastError ?? result.lastError };
  }
  return result;
}

/** The organization an event row belongs to, for work that has no transaction of its own (jobs, seeding). */
function scopeOf(event: PreparedEvent): string | null {
  const organizationId = event.data.organizationId;
  return typeof organizationId === "string" ? organizationId : null;
}

async function persistAndDeliver(prepared: PreparedEvent[], client: JobsClient | undefined): Promise<RelayResult> {
  const byScope = new Map<string | null, PreparedEvent[]>();
  for (const event of prepared) byScope.set(scopeOf(event), [...(byScope.get(scopeOf(event)) ?? []), event]);
  for (const [organizationId, events] of byScope) await writeOutboxEvents(systemDb(), organizationId, events);
  return deliverOutboxEvents({ eventIds: prepared.map((e) => e.id), client });
}

/**
 * For code outside an API transaction (jobs, seeding): the event is written to the outbox, then
 * delivered at once. Inside a procedure, emit through the transaction instead (`ctx.emit`), so the
 * event exists exactly when the change does.
 */
export async function sendEvent(event: JobEvent, options: { client?: JobsClient } = {}): Promise<SendEventResult> {
  const [prepared] = prepareEvents([event]);
  if (!prepared) throw new Error("sendEvent: nothing to send");
  const result = await persistAndDeliver([prepared], options.client);
  return { id: prepared.id, queued: result.sent === 0 };
}

/** Many events at once (bulk actions): one outbox write per organization, deliveries in chunks. */
export async function sendEvents(events: JobEvent[], options: { client?: JobsClient } = {}): Promise<{ sent: number; queued: number }> {
  const result = await persistAndDeliver(prepareEvents(events), options.client);
  return { sent: result.sent, queued: events.length - result.sent };
}

export type ReplayOptions = Omit<RelayOptions, "target"> & { client?: JobsClient };
export type ReplayResult = RelayResult;

/**
 * The relay over every waiting event (oldest first): the engine's replay cron, `pnpm jobs:replay`
 * and the local scheduler's pass. Safe to run concurrently or repeatedly.
 */
export function replayOutbox(options: ReplayOptions = {}): Promise<ReplayResult> {
  const { client, ...rest } = options;
  return relayOutbox({ ...rest, target: target(client) });
}
