import { TRPCError } from "@trpc/server";
import { createCaller } from "../../../root";
import { createInnerContext, requestMeta, type SessionUser } from "../../../trpc/context";
import { REQUEST_ID_HEADER } from "../../../trpc/http-handler";

/**
 * GET /api/crm-exports/<orgSlug>/<exportId>: a prepared export as a CSV download, streamed part
 * by part after its header. Every read goes through the crmExports.parts procedure — membership,
 * permission, RLS and "only your own export" live there, not here — so this only turns its answers
 * into a response: 404 for anything that is not the caller's export (or not in an organization
 * they belong to), 410 once expired, 409 while it is being prepared.
 */
const STATUS_OF: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 410,
  TOO_MANY_REQUESTS: 429,
};

function plain(status: number, message: string, requestId: string): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", [REQUEST_ID_HEADER]: requestId } });
}

/** A file name a Content-Disposition header can carry as is (ASCII, no quotes), with the UTF-8 one beside it. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function crmExportDownload(req: Request, options: { getUser: () => Promise<SessionUser | null> }, params: { orgSlug: string; exportId: string }): Promise<Response> {
  const ctx = createInnerContext({ user: await options.getUser(), orgSlug: params.orgSlug, ...requestMeta(req.headers) });
  const caller = createCaller(ctx);
  const read = (fromIndex: number) => caller.crmExports.parts({ exportId: params.exportId, fromIndex });
  let first: Awaited<ReturnType<typeof read>>;
  try {
    first = await read(0);
  } catch (error) {
    if (error instanceof TRPCError) {
      const status = STATUS_OF[error.code];
      if (status) return plain(status, status === 404 ? "Not found" : error.message, ctx.requestId);
    }
    return plain(500, `The file could not be read. Try again; if it keeps failing, quote request ${ctx.requestId}.`, ctx.requestId);
  }
  const encoder = new TextEncoder();
  let next = first.nextIndex;
  let pending: string[] = [first.headerLine, ...first.parts];
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending.length === 0 && next !== null) {
        const batch = await read(next);
        pending = batch.parts;
        next = batch.nextIndex;
      }
      const piece = pending.shift();
      if (piece === undefined) {
        controller.close();
        return;
      }
      // Header and parts are formula-safe CSV (toCsv); every line ends in CRLF.
      controller.enqueue(encoder.encode(`${piece}\r\n`));
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": disposition(first.fileName),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      [REQUEST_ID_HEADER]: ctx.requestId,
    },
  });
}
