import { disconnectAll } from "@mg/db/system";
import { outboxStatus, replayOutbox } from "../client";

/**
 * `pnpm --filter @mg/jobs jobs:replay [--limit N]`: sends the events that waited in the outbox
 * while the job engine was unreachable. Exit code 1 when a send failed (the engine is still unreachable).
 */
function parseLimit(argv: string[]): number {
  const index = argv.indexOf("--limit");
  const raw = index >= 0 ? argv[index + 1] : undefined;
  const limit = raw === undefined ? 100 : Number.parseInt(raw, 10);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a positive integer, got ${raw ?? ""}`);
  return limit;
}

async function main(): Promise<number> {
  const limit = parseLimit(process.argv.slice(2));
  const before = await outboxStatus();
  if (before.pending === 0) {
    console.log(`outbox empty (${before.sent} sent, ${before.failed} failed)`);
    return 0;
  }
  console.log(`replaying up to ${limit} of ${before.pending} waiting event(s)…`);
  const result = await replayOutbox({ limit });
  console.log(`sent ${result.sent}, failed ${result.failed}, still waiting ${result.pending}`);
  if (result.lastError) console.error(`stopped: ${result.lastError}`);
  return result.failed > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await disconnectAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await disconnectAll().catch(() => undefined);
    process.exit(1);
  });
