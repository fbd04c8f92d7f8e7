import { randomUUID } from "node:crypto";
import { TRPCError, type AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { requestLogger } from "@mg/logger";
import { appRouter } from "../root";
import { createContextFromRequest, type SessionUser } from "./context";
import { isServerError, tagRequestId, wasLogged } from "./errors";
import { inputLimitsFor } from "./input-guard";

export const TRPC_ENDPOINT = "/api/trpc";
/** Every response names its request, so a person can quote it and we can find its log lines. */
export const REQUEST_ID_HEADER = "x-request-id";

export interface TrpcHttpHandlerOptions {
  /** The signed-in user of a request (next-auth in the app). */
  getUser: () => Promise<SessionUser | null>;
  endpoint?: string;
  /** The app router unless a test mounts one of its own (built with the same procedure builders). */
  router?: AnyTRPCRouter;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The procedure paths a request addresses: one, or several for a batch (`/api/trpc/a.b,c.d?batch=1`). */
function procedurePaths(req: Request, endpoint: string): string[] {
  const pathname = new URL(req.url).pathname;
  const rest = pathname.startsWith(endpoint) ? pathname.slice(endpoint.length) : pathname;
  return decodeURIComponent(rest.replace(/^\/+|\/+$/g, ""))
    .split(",")
    .filter(Boolean);
}

/**
 * The request with a body that errors once it passes `maxBytes` (or at once when Content-Length
 * says it will). tRPC reads the body only when a procedure asks for its input, and passes the
 * error on as that call's answer: PAYLOAD_TOO_LARGE, 413.
 */
function withBodyLimit(req: Request, maxBytes: number): Request {
  const source = req.body;
  if (!source) return req;
  const tooLarge = () => new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `The request is larger than the ${megabytes(maxBytes)} this accepts.` });
  const declared = Number(req.headers.get("content-length"));
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (Number.isFinite(declared) && declared > maxBytes) {
        controller.error(tooLarge());
        void source.cancel().catch(() => undefined);
        return;
      }
      reader = source.getReader();
    },
    async pull(controller) {
      if (!reader) return;
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) {
        controller.error(tooLarge());
        await reader.cancel().catch(() => undefined);
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader?.cancel(reason);
    },
  });
  const init: RequestInit & { duplex: "half" } = { method: req.method, headers: req.headers, body, signal: req.signal, duplex: "half" };
  return new Request(req.url, init);
}

/**
 * The API over HTTP (the app's `/api/trpc/[trpc]` route): the request's own id and logger, body
 * limits per procedure (larger for uploads and the CSV import), and failures logged in full on
 * the server while the response carries only what the error formatter lets through.
 */
export function createTrpcHttpHandler(options: TrpcHttpHandlerOptions): (req: Request) => Promise<Response> {
  const router = options.router ?? appRouter;
  const endpoint = options.endpoint ?? TRPC_ENDPOINT;
  return async (incoming: Request) => {
    const requestId = randomUUID();
    const paths = procedurePaths(incoming, endpoint);
    const maxBodyBytes = Math.max(...paths.map((path) => inputLimitsFor(path).maxBodyBytes), inputLimitsFor("").maxBodyBytes);
    const req = withBodyLimit(incoming, maxBodyBytes);
    return fetchRequestHandler({
      endpoint,
      req,
      router,
      createContext: async () => ({ ...(await createContextFromRequest(req, options.getUser)), requestId }),
      onError({ error, path, type, ctx }) {
        tagRequestId(error, requestId);
        // Failures inside a procedure were logged by its chain, with the same request id.
        if (wasLogged(error)) return;
        const log = requestLogger({ requestId, path: path ?? paths.join(","), type, orgSlug: ctx?.orgSlug ?? null, userId: ctx?.user?.id ?? null });
        if (isServerError(error)) log.error({ err: error.cause ?? error, code: error.code }, "request failed");
        else log.debug({ code: error.code, message: error.message }, "request refused");
      },
      responseMeta: () => ({ headers: new Headers({ [REQUEST_ID_HEADER]: requestId }) }),
    });
  };
}
