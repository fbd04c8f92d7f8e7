// 10,000-post CSV import through the real tRPC procedure (parse, validate every row, resolve each
// time in its zone, one all-or-nothing transaction as the RLS-scoped app role, events to the
// outbox) against a plain multi-row INSERT of the same posts and targets, in the same run.
import { randomUUID } from "node:crypto";
import { resolveLocalTime } from "@mg/scheduling";
import { createCaller, createInnerContext } from "@mg/api";
import { benchTenant, plainInsert, rawClient, report, timed, type PlainRow } from "./support";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

export async function benchBulkImport(): Promise<void> {
  const tenant = await benchTenant("import");
  const baselineTenant = await benchTenant("import-base");
  const client = await rawClient();
  try {
    const handles = tenant.accounts.map((a) => `@${a.handle}`).join("|");
    const day = (i: number) => new Date(Date.now() + (2 + (i % 60)) * 86_400_000).toISOString().slice(0, 10);
    const time = (i: number) => `${String(8 + (i % 12)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`;
    const lines = ["content,accounts,date,time,timezone,labels"];
    for (let i = 0; i < ROWS; i++) lines.push(`"Bench post ${i}: fresh bread, every day",${handles},${day(i)},${time(i)},Europe/London,bench|q4`);
    const csv = lines.join("\n");

    const caller = createCaller(createInnerContext({ user: tenant.user, orgSlug: tenant.org.slug, ip: "127.0.0.1", userAgent: "bench" }));
    const real = await timed(() => caller.posts.importCsv({ fileName: "bench.csv", csv }));

    const rows: PlainRow[] = Array.from({ length: ROWS }, (_, i) => {
      const localTime = `${day(i)}T${time(i)}`;
      const resolved = resolveLocalTime("Europe/London", localTime);
      if (resolved.kind !== "ok") throw new Error(`bench row ${i} is not a plain time`);
      return {
        id: randomUUID(),
        organizationId: baselineTenant.org.id,
        content: `Bench post ${i}: fresh bread, every day`,
        localTime,
        scheduledAt: resolved.instant,
        accountIds: baselineTenant.accounts.map((a) => a.id),
        networks: baselineTenant.accounts.map((a) => a.network),
      };
    });
    const baseline = await timed(() => plainInsert(client, rows));
    report("Bulk CSV import (posts.importCsv)", ROWS, real.ms, baseline.ms, {
      "imported": real.result.rowCount,
      "targets per post": tenant.accounts.length,
      "csv size": `${(csv.length / 1024 / 1024).toFixed(1)} MB`,
    });
  } finally {
    await client.end();
    await tenant.cleanup();
    await baselineTenant.cleanup();
  }
}
