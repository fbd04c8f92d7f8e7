import { randomUUID } from "node:crypto";
import { Middleware, type SendEventPayload } from "inngest";

/** Anything with the client's `send`; structural so tests can pass any configured client. */
export interface EventSender {
  send(payload: SendEventPayload): Promise<unknown>;
}

/**
 * Client middleware: every app-level event gets an id up front, so the engine deduplicates a
 * delivery the relay made but could not record. (Durability is the outbox's job: every event is
 * a row written with the change that caused it before anything is sent — see ./enqueue.ts.)
 */
export class EventIdMiddleware extends Middleware.BaseMiddleware {
  readonly id = "mg:event-ids";

  override transformSendEvent(arg: Middleware.TransformSendEventArgs): Middleware.TransformSendEventArgs {
    if (arg.fn !== null) return arg;
    return { ...arg, events: arg.events.map((event) => (event.id ? event : { ...event, id: randomUUID() })) };
  }
}
