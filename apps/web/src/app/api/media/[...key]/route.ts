import { withOrg } from "@mg/db";
import { isLocalMediaKey, localMediaStorage } from "@mg/integrations/media";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ key: string[] }> };

/**
 * Serves media stored on local disk (`<APP_URL>/api/media/<orgId>/<uuid>-<name>`), publicly: the
 * networks fetch post media from these URLs, and the random key is the capability. Only keys of
 * the storage's own shape are read (no traversal), and only while the asset is not deleted.
 */
async function serve(req: Request, context: RouteContext, method: "GET" | "HEAD"): Promise<Response> {
  const { key: segments } = await context.params;
  const key = segments.join("/");
  if (!isLocalMediaKey(key)) return notFound();
  const organizationId = key.slice(0, key.indexOf("/"));
  const asset = await withOrg(organizationId, (db) =>
    db.mediaAsset.findFirst({ where: { key, storage: "LOCAL", deletedAt: null }, select: { mimeType: true, fileName: true } }),
  );
  if (!asset) return notFound();
  const bytes = await localMediaStorage().read(key);
  if (!bytes) return notFound();

  const headers = new Headers({
    "content-type": asset.mimeType,
    "accept-ranges": "bytes",
    // Short-lived: a deleted asset must stop being served soon, even by caches.
    "cache-control": "public, max-age=300",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "content-disposition": `inline; filename="${asset.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"`,
  });

  // Videos are played (and fetched by some networks) in ranges.
  const range = parseRange(req.headers.get("range"), bytes.length);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${bytes.length}`);
    return new Response(null, { status: 416, headers });
  }
  // A copy on its own ArrayBuffer: what the Response body type accepts.
  const body = new Uint8Array(range ? bytes.subarray(range.start, range.end + 1) : bytes);
  headers.set("content-length", String(body.length));
  if (range) headers.set("content-range", `bytes ${range.start}-${range.end}/${bytes.length}`);
  return new Response(method === "HEAD" ? null : body, { status: range ? 206 : 200, headers });
}

/** One `bytes=` range (the only kind players ask for); anything else is served whole. */
function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export function GET(req: Request, context: RouteContext) {
  return serve(req, context, "GET");
}

export function HEAD(req: Request, context: RouteContext) {
  return serve(req, context, "HEAD");
}
