import { db } from "@mg/db";
import { logger } from "@mg/logger";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for load balancers and the e2e web server check. */
export async function GET() {
  const started = Date.now();
  try {
    await db().$queryRaw`select 1`;
    return Response.json({ ok: true, db: "up", latencyMs: Date.now() - started }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    logger.error({ module: "health", err: error }, "database unreachable");
    return Response.json({ ok: false, db: "down" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
