// `BENCH_ONLY=shards pnpm bench`: 100,000 tenants of heavy-tailed size hashed onto Citus shards
// and workers, before and after the heaviest tenants get shards of their own. Pure computation
// (no database, no timing): the same seed prints the same numbers. The model and its choices are
// explained in docs/scaling.md; the functions are in shard-balance.ts.
import {
  assignTenants,
  citusShardRanges,
  drawTenants,
  isolateTenants,
  maxMeanRatio,
  maxOf,
  minOf,
  placements,
  residualShardRatio,
  tenantsToIsolate,
  topShare,
  totalLoad,
  type ShardState,
  type Tenant,
  type TenantPopulation,
} from "./shard-balance";

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100_000);
const SEED = Number(process.env.BENCH_SEED ?? 20_261_202);
const SHARDS = 32;
const WORKERS = [4, 8, 16] as const;
/** A tenant above this share of an average shard gets its own shard (see tenantsToIsolate). */
const ISOLATE_ABOVE = 0.25;
/** 80/20 shape; bounds: one post a week up to 1,000 accounts posting five times a day. */
const POPULATION: TenantPopulation = { count: TENANTS, seed: SEED, min: 4, max: 150_000, alpha: 1.16 };

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ratio = (x: number) => `${x.toFixed(2)}x`;
const col = (s: string | number, width: number) => String(s).padStart(width);

interface Scenario {
  tenants: Tenant[];
  shards: ShardState[];
  isolated: Tenant[];
  split: ShardState[];
}

function scenario(population: TenantPopulation, shardCount: number, tenants = drawTenants(population)): Scenario {
  const shards = assignTenants(citusShardRanges(shardCount), tenants);
  const isolated = tenantsToIsolate(tenants, shardCount, ISOLATE_ABOVE);
  return { tenants, shards, isolated, split: isolateTenants(shards, isolated) };
}

const loadsOf = (shards: readonly ShardState[]) => shards.map((s) => s.load);

export function benchShards(): void {
  const main = scenario(POPULATION, SHARDS);
  const loads = main.tenants.map((t) => t.load);
  const total = totalLoad(main.tenants);
  const heaviest = maxOf(loads);
  const perShard = main.shards.map((s) => s.tenants.length);
  const threshold = (total / SHARDS) * ISOLATE_ABOVE;

  console.log(`\nTenants on Citus shards (simulation, no database; seed ${SEED})`);
  console.log(`  tenants:              ${int(TENANTS)}, bounded Pareto α=${POPULATION.alpha} on [${int(POPULATION.min)}, ${int(POPULATION.max)}] posts/month`);
  console.log(`  total load:           ${int(total)} posts/month; largest tenant ${pct(heaviest / total)}, top 1 % of tenants ${pct(topShare(loads, 0.01))}, top 20 % ${pct(topShare(loads, 0.2))}`);
  console.log(`  shards:               ${SHARDS} hash ranges of uuid_hash(organization_id); ${int(minOf(perShard))}–${int(maxOf(perShard))} tenants per shard`);
  console.log(`  shard max/mean:       ${ratio(maxMeanRatio(loadsOf(main.shards)))}; without the isolated tenants ${ratio(residualShardRatio(main.shards, main.isolated))}`);
  console.log(`  isolated:             ${main.isolated.length} tenants above ${ISOLATE_ABOVE} of an average shard (> ${int(threshold)} posts/month) → ${main.split.length} shards`);

  console.log(`\n  worker max/mean  ${col("round-robin", 12)}${col("rebalanced", 12)}${col("isolated+rebal.", 17)}${col("floor", 8)}`);
  for (const workers of WORKERS) {
    const before = placements(loadsOf(main.shards), workers);
    const after = placements(loadsOf(main.split), workers);
    const floor = Math.max(1, heaviest / (total / workers));
    console.log(`  ${col(workers, 7)} workers${col(ratio(before.roundRobin), 12)}${col(ratio(before.rebalanced), 12)}${col(ratio(after.rebalanced), 17)}${col(ratio(floor), 8)}`);
  }

  const byLoad = [...main.tenants].sort((x, y) => y.load - x.load);
  console.log(`\n  isolating the N heaviest, then rebalancing: N, shards, max/mean at ${WORKERS.join(" / ")} workers`);
  for (const n of [0, 1, 2, 4, 8, 16, 32, 64]) {
    const split = isolateTenants(main.shards, byLoad.slice(0, n));
    const cells = WORKERS.map((w) => col(ratio(placements(loadsOf(split), w).rebalanced), 8)).join("");
    console.log(`  ${col(n, 5)}${col(split.length, 8)}${cells}`);
  }

  const widest = WORKERS[WORKERS.length - 1] ?? 16;
  console.log(`\n  shard count at ${widest} workers (rebalanced): shards, max/mean without / with isolation`);
  for (const shardCount of [32, 64, 128]) {
    const s = scenario(POPULATION, shardCount, main.tenants);
    console.log(`  ${col(shardCount, 5)}${col(ratio(placements(loadsOf(s.shards), widest).rebalanced), 8)}${col(ratio(placements(loadsOf(s.split), widest).rebalanced), 8)}  (${s.isolated.length} isolated)`);
  }

  console.log(`\n  tail sensitivity at 8 workers: α, largest tenant, top 1 %, round-robin / rebalanced / isolated+rebalanced`);
  for (const alpha of [1.05, 1.16, 1.5]) {
    const s = alpha === POPULATION.alpha ? main : scenario({ ...POPULATION, alpha }, SHARDS);
    const l = s.tenants.map((t) => t.load);
    const t = totalLoad(s.tenants);
    const before = placements(loadsOf(s.shards), 8);
    const after = placements(loadsOf(s.split), 8);
    console.log(`  ${col(alpha.toFixed(2), 5)}${col(pct(maxOf(l) / t), 9)}${col(pct(topShare(l, 0.01)), 9)}  ${ratio(before.roundRobin)} / ${ratio(before.rebalanced)} / ${ratio(after.rebalanced)}  (${s.isolated.length} isolated)`);
  }
}
