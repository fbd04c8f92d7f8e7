// 10,000 posts due in the same minute: the dispatcher claims them per organization batch (one RLS
// transaction each: SKIP LOCKED claim, ledger rows, set-based QUEUED → SENT), hands every target to
// the Sandbox network (no simulated latency or failures) in parallel, and records the answers in
// chunks through the exactly-once ledger — against a plain INSERT of the same rows.
import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import { dispatchDuePosts } from "@mg/jobs/publishing";
import { benchTenant, measured, plainInsert, rawClient, report, timed, type PlainRow } from "./support";

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
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
    const limit = Number(process.env.BENCH_FANOUT_LIMIT ?? 2_000);
    let calls = 0;
    let batches = 0;
    const real = await measured(async () => {
      let published = 0;
      for (;;) {
        const result = await dispatchDuePosts({ organizationId: tenant.org.id, limit, concurrency });
        calls++;
        batches += result.batches;
        published += result.published;
        if (result.claimed === 0) return published;
      }
    });
    const baseline = await timed(() => plainInsert(client, rowsFor(baselineTenant)));
    const sandboxPosts = await systemDb().sandboxPost.count({ where: { accountExternalId: { in: tenant.accounts.map((a) => a.externalId) } } });
    const perPost = (n: number) => (n / ROWS).toFixed(2);
    report("Fan-out of posts due in the same minute (dispatch → ledger → Sandbox)", ROWS, real.ms, baseline.ms, {
      "posts/s to networks": Math.round((sandboxPosts / real.ms) * 1000).toLocaleString("en-US"),
      published: real.result,
      "posts on the Sandbox": sandboxPosts,
      "statements per post": `${perPost(real.statements.app + real.statements.system)} (pipeline, app role: ${perPost(real.statements.app)}; system: ${perPost(real.statements.system)} — the Sandbox's own storage and discovery)`,
      "Node CPU per post": `${(real.cpuMs / ROWS).toFixed(3)} ms (whole process, the in-process Sandbox included)`,
      "dispatch calls": calls,
      "organization batches": batches,
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
