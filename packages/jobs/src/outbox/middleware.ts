import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { Middleware, type SendEventBaseOutput, type SendEventPayload } from "inngest";
import { describeError, persistEvents } from "./store";

/**
 * Per-send state shared between `sendEvent`/`replayOutbox` and the middleware. Middleware
 * instances are created by the SDK for every send, so this is the only way to pass a flag
 * through `inngest.send()`.
 */
interface SendScope {
  /** Replays must see the failure (to count the attempt) instead of re-queueing silently. */
  bypassOutbox: boolean;
  /** Set by the middleware when the events went to the outbox instead of the engine. */
  queued: boolean;
}

const sendScope = new AsyncLocalStorage<SendScope>();

export function runInSendScope<T>(scope: SendScope, fn: () => Promise<T>): Promise<T> {
  return sendScope.run(scope, fn);
}

/** Anything with the client's `send`; structural so tests can pass any configured client. */
export interface EventSender {
  send(payload: SendEventPayload): Promise<unknown>;
}

/** Sends straight to the engine: failures throw instead of landing in the outbox. */
export async function sendBypassingOutbox(client: EventSender, payload: SendEventPayload): Promise<void> {
  await runInSendScope({ bypassOutbox: true, queued: false }, () => client.send(payload));
}

/**
 * Client middleware: when the engine cannot take app-level events (`inngest.send()` outside a
 * run), store them in the outbox and resolve normally, so a user action never fails or loses
 * its event because the engine is down.
 *
 * Not covered here: the SDK throws *before* calling middleware when it runs in cloud mode
 * without an event key. `sendEvent` catches that case; direct `inngest.send()` calls do not.
 */
export class OutboxMiddleware extends Middleware.BaseMiddleware {
  readonly id = "mg:event-outbox";

  /** Every app-level event gets an id up front: the outbox row and the engine dedupe on it. */
  override transformSendEvent(arg: Middleware.TransformSendEventArgs): Middleware.TransformSendEventArgs {
    if (arg.fn !== null) return arg;
    return { ...arg, events: arg.events.map((event) => (event.id ? event : { ...event, id: randomUUID() })) };
  }

  override async wrapSendEvent({ events, fn, next }: Middleware.WrapSendEventArgs): Promise<SendEventBaseOutput> {
    const scope = sendScope.getStore();
    // Inside a run (`step.sendEvent`) the step itself is durable: let it fail and be retried.
    if (fn !== null || scope?.bypassOutbox) return next();
    try {
      return await next();
    } catch (error) {
      const queued = events.map((event) => ({ name: event.name, id: event.id ?? randomUUID(), data: event.data ?? {} }));
      const reason = describeError(error);
      await persistEvents(queued, reason);
      if (scope) scope.queued = true;
      this.client.logger.warn(`job engine unreachable; ${queued.length} event(s) kept in the outbox (${reason})`);
      return { ids: queued.map((event) => event.id) };
    }
  }
}
