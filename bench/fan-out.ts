// 10,000 posts due in the same minute: the dispatcher claims them (one conditional UPDATE per
// batch, SKIP LOCKED), and publishes every target through the exactly-once ledger to the Sandbox
// network (no simulated latency or failures) — against a plain INSERT of the same rows.
import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import { dispatchDuePosts } from "@mg/jobs/publishing";
import { benchTenant, plainInsert, rawClient, report, timed, type PlainRow } from "./support";

const ROWS = Number(process.env.BENCH_FANOUT_ROWS ?? process.env.BENCH_ROWS ?? 10_000);
const ACCOUNTS = 20;

export async function benchFanOut(): Promise<void> {
  const tenant = await benchTenant("fanout", ACCOUNTS);
  const baselineTenant = await benchTenant("fanout-base", ACCOUNTS);
  const client = await rawClient();
  try {
    const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000); // the minute just passed
    const rowsFor = (t: typeof tenant): PlainRow[] =>
      Array.from({ length: ROWS }, (_, i) => {
        const account = t.accounts[i % t.accounts.length];
        if (!account) throw new Error("no bench account");
        return { id: randomUUID(), organizationId: t.org.id, content: `Due together ${i}`, localTime: "2026-01-01T00:00", scheduledAt: due, accountIds: [account.id], networks: [account.network] };
      });

    // Set-up (not measured): the posts exist, scheduled for the same minute.
    await plainInsert(client, rowsFor(tenant));
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
    let batches = 0;
    const real = await timed(async () => {
      let published = 0;
      for (;;) {
        const result = await dispatchDuePosts({ organizationId: tenant.org.id, limit: 1_000, concurrency });
        batches++;
        published += result.published;
        if (result.claimed === 0) return published;
      }
    });
    const baseline = await timed(() => plainInsert(client, rowsFor(baselineTenant)));
    const sandboxPosts = await systemDb().sandboxPost.count({ where: { accountExternalId: { in: tenant.accounts.map((a) => a.externalId) } } });
    report("Fan-out of posts due in the same minute (dispatch → ledger → Sandbox)", ROWS, real.ms, baseline.ms, {
      published: real.result,
      "posts on the Sandbox": sandboxPosts,
      "dispatch batches": batches,
      concurrency,
    });
    if (sandboxPosts !== ROWS) throw new Error(`expected ${ROWS} posts on the Sandbox, found ${sandboxPosts}`);
  } finally {
    await client.end();
    const accounts = [...tenant.accounts, ...baselineTenant.accounts].map((a) => a.externalId);
    await systemDb().sandboxPost.deleteMany({ where: { accountExternalId: { in: accounts } } });
    await tenant.cleanup();
    await baselineTenant.cleanup();
  }
}
