// `pnpm bench`: prints throughput and the ratio to a plain INSERT measured in the same run.
// BENCH_ROWS (default 10,000) sizes both benchmarks; BENCH_ONLY=import|fanout runs one.
// BENCH_ONLY=search runs only the posts list at 1,000 organizations × 1,000 posts (BENCH_SEARCH_ORGS,
// BENCH_SEARCH_POSTS, BENCH_SEARCH_SAMPLES to scale it down).
// BENCH_ONLY=contacts runs only the 100,000-contact import (BENCH_CONTACTS_ROWS to scale it).
// BENCH_ONLY=segments runs only segments at 1,000,000 contacts in one organization (BENCH_SEGMENT_CONTACTS to scale it).
// BENCH_ONLY=forms runs only the lead form intake and its load run (BENCH_FORM_ROWS, BENCH_FORM_LOAD_SECONDS).
// BENCH_ONLY=shards runs only the Citus shard-balance simulation (pure computation, no database).
process.env.SANDBOX_FAILURE_RATE = "0";
process.env.SANDBOX_LATENCY_MS = "0";
process.env.PUBLISH_ACCOUNT_SPACING_MS = "0";

const { disconnectAll } = await import("@mg/db/system");
const { benchBulkImport } = await import("./bulk-import");
const { benchFanOut } = await import("./fan-out");
const { benchShards } = await import("./shard-simulation");
const { benchSearch } = await import("./search");
const { benchSegments } = await import("./segments");
const { benchContactImport } = await import("./contact-import");
const { benchFormIntake } = await import("./forms-intake");

const only = process.env.BENCH_ONLY;
try {
  if (!only || only === "import") await benchBulkImport();
  if (!only || only === "fanout") await benchFanOut();
  if (!only || only === "search") await benchSearch();
  if (!only || only === "contacts") await benchContactImport();
  if (!only || only === "segments") await benchSegments();
  if (!only || only === "forms") await benchFormIntake();
  if (!only || only === "shards") benchShards();
} finally {
  await disconnectAll();
}
