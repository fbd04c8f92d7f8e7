// Pure model of how tenants land on Citus shards and workers: a seeded PRNG, a heavy-tailed tenant
// size distribution, PostgreSQL's uuid hash, Citus's hash ranges and shard placement, tenant
// isolation and the max/mean balance ratio. No database, no clock: the same seed gives the same
// numbers on every machine. shard-simulation.ts prints them; shard-balance.test.ts pins them.

/** A 32-bit PRNG (mulberry32): tiny, fast and good enough for sampling; deterministic per seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One draw from a bounded Pareto distribution on [min, max] with tail index `alpha`, floored to
 * whole rows: between the bounds P(X ≥ x) falls as (min / x)^alpha. Inverse-CDF sampling.
 */
export function boundedParetoSample(random: () => number, min: number, max: number, alpha: number): number {
  const tail = Math.pow(min / max, alpha);
  return Math.min(max, Math.floor(min / Math.pow(1 - random() * (1 - tail), 1 / alpha)));
}

/** 16 random bytes shaped like `crypto.randomUUID()` (version 4, RFC 4122 variant), as Prisma's uuid() makes them. */
export function randomUuidBytes(random: () => number): Uint8Array {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return bytes;
}

export function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Little-endian 32-bit word at `offset` (PostgreSQL reads aligned keys a word at a time on x86/ARM). */
const word = (k: Uint8Array, offset: number) => ((k[offset] ?? 0) | ((k[offset + 1] ?? 0) << 8) | ((k[offset + 2] ?? 0) << 16) | ((k[offset + 3] ?? 0) << 24)) >>> 0;

/**
 * PostgreSQL's `hash_bytes` (src/common/hashfn.c, Bob Jenkins' lookup3) on a little-endian
 * machine, as a signed int32 — what `uuid_hash()` returns and what Citus hashes a uuid
 * distribution column with (the type's standard hash support function).
 */
export function postgresHashBytes(k: Uint8Array): number {
  let len = k.length;
  let a = (0x9e3779b9 + len + 3923095) >>> 0;
  let b = a;
  let c = a;
  let offset = 0;
  const mix = () => {
    a = (a - c) >>> 0; a = (a ^ rotl(c, 4)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rotl(a, 6)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rotl(b, 8)) >>> 0; b = (b + a) >>> 0;
    a = (a - c) >>> 0; a = (a ^ rotl(c, 16)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rotl(a, 19)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rotl(b, 4)) >>> 0; b = (b + a) >>> 0;
  };
  while (len >= 12) {
    a = (a + word(k, offset)) >>> 0;
    b = (b + word(k, offset + 4)) >>> 0;
    c = (c + word(k, offset + 8)) >>> 0;
    mix();
    offset += 12;
    len -= 12;
  }
  const byte = (i: number) => k[offset + i] ?? 0;
  // The tail, falling through like the C switch; the lowest byte of c is reserved for the length.
  if (len >= 9) {
    if (len >= 11) c = (c + (byte(10) << 24)) >>> 0;
    if (len >= 10) c = (c + (byte(9) << 16)) >>> 0;
    c = (c + (byte(8) << 8)) >>> 0;
    b = (b + word(k, offset + 4)) >>> 0;
    a = (a + word(k, offset)) >>> 0;
  } else if (len === 8) {
    b = (b + word(k, offset + 4)) >>> 0;
    a = (a + word(k, offset)) >>> 0;
  } else if (len >= 4) {
    if (len >= 7) b = (b + (byte(6) << 16)) >>> 0;
    if (len >= 6) b = (b + (byte(5) << 8)) >>> 0;
    if (len >= 5) b = (b + byte(4)) >>> 0;
    a = (a + word(k, offset)) >>> 0;
  } else {
    if (len >= 3) a = (a + (byte(2) << 16)) >>> 0;
    if (len >= 2) a = (a + (byte(1) << 8)) >>> 0;
    if (len >= 1) a = (a + byte(0)) >>> 0;
  }
  c = (c ^ b) >>> 0; c = (c - rotl(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rotl(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rotl(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rotl(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rotl(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rotl(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rotl(b, 24)) >>> 0;
  return c | 0;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export interface Shard {
  /** Inclusive hash range, as in pg_dist_shard.shardminvalue / shardmaxvalue. */
  min: number;
  max: number;
}

/**
 * The hash ranges `create_distributed_table` gives `count` shards (Citus create_shards.c): the
 * 2^32 token space cut into equal slices from INT32_MIN, the last one stretched to INT32_MAX.
 */
export function citusShardRanges(count: number): Shard[] {
  const increment = Math.floor(4_294_967_296 / count);
  return Array.from({ length: count }, (_, i) => {
    const min = INT32_MIN + i * increment;
    return { min, max: i === count - 1 ? INT32_MAX : min + increment - 1 };
  });
}

/** The shard whose range holds `hash` (binary search; ranges are sorted and contiguous). */
export function shardIndexFor(shards: readonly Shard[], hash: number): number {
  let lo = 0;
  let hi = shards.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const shard = shards[mid];
    if (!shard) break;
    if (hash < shard.min) hi = mid - 1;
    else if (hash > shard.max) lo = mid + 1;
    else return mid;
  }
  throw new Error(`no shard holds hash ${hash}`);
}

export interface Tenant {
  id: string;
  hash: number;
  /** Rows (or events) per month: the load this tenant puts on its shard. */
  load: number;
}

export interface TenantPopulation {
  count: number;
  seed: number;
  /** Smallest and largest tenant, in rows per month. */
  min: number;
  max: number;
  /** Pareto tail index: smaller is heavier-tailed. */
  alpha: number;
}

/** `count` tenants with random v4 ids and Pareto-distributed loads, from one seed. */
export function drawTenants({ count, seed, min, max, alpha }: TenantPopulation): Tenant[] {
  const ids = mulberry32(seed);
  const sizes = mulberry32(seed ^ 0x9e3779b9);
  return Array.from({ length: count }, () => {
    const bytes = randomUuidBytes(ids);
    return { id: bytesToUuid(bytes), hash: postgresHashBytes(bytes), load: boundedParetoSample(sizes, min, max, alpha) };
  });
}

export interface ShardState extends Shard {
  tenants: Tenant[];
  load: number;
  /** Made by isolate_tenant_to_new_shard for this one tenant. */
  isolated: boolean;
}

export function assignTenants(ranges: readonly Shard[], tenants: readonly Tenant[]): ShardState[] {
  const shards: ShardState[] = ranges.map((r) => ({ ...r, tenants: [], load: 0, isolated: false }));
  for (const tenant of tenants) {
    const shard = shards[shardIndexFor(shards, tenant.hash)];
    if (!shard) throw new Error("shard index out of range");
    shard.tenants.push(tenant);
    shard.load += tenant.load;
  }
  return shards;
}

/**
 * `isolate_tenant_to_new_shard(table, tenant, 'CASCADE')` (Citus isolate_shards.c): the shard
 * holding the tenant's hash is split at hash - 1 and hash, so the tenant gets a shard of its own
 * and the tenants below and above it keep two smaller shards. Returns a new shard list.
 */
export function isolateTenant(shards: readonly ShardState[], tenant: Tenant): ShardState[] {
  const index = shardIndexFor(shards, tenant.hash);
  const source = shards[index];
  if (!source) throw new Error("shard index out of range");
  if (source.min === source.max) return [...shards];
  const part = (min: number, max: number, isolated: boolean): ShardState => {
    const inside = source.tenants.filter((t) => t.hash >= min && t.hash <= max);
    return { min, max, tenants: inside, load: inside.reduce((sum, t) => sum + t.load, 0), isolated };
  };
  const pieces: ShardState[] = [];
  if (tenant.hash > source.min) pieces.push(part(source.min, tenant.hash - 1, false));
  pieces.push(part(tenant.hash, tenant.hash, true));
  if (tenant.hash < source.max) pieces.push(part(tenant.hash + 1, source.max, false));
  return [...shards.slice(0, index), ...pieces, ...shards.slice(index + 1)];
}

/** Citus's initial placement: shard i on worker i mod n, workers in a fixed order (create_shards.c). */
export function roundRobinPlacement(shardCount: number, workers: number): number[] {
  return Array.from({ length: shardCount }, (_, i) => i % workers);
}

/**
 * Largest shard first onto the least-loaded worker: a stand-in for `citus_rebalance_start` with
 * the by_disk_size strategy, which can only move whole shard groups, never split one.
 */
export function greedyPlacement(loads: readonly number[], workers: number): number[] {
  const order = loads.map((load, i) => ({ load, i })).sort((x, y) => y.load - x.load || x.i - y.i);
  const totals = new Array<number>(workers).fill(0);
  const placement = new Array<number>(loads.length).fill(0);
  for (const { load, i } of order) {
    let best = 0;
    for (let w = 1; w < workers; w++) if ((totals[w] ?? 0) < (totals[best] ?? 0)) best = w;
    placement[i] = best;
    totals[best] = (totals[best] ?? 0) + load;
  }
  return placement;
}

export function workerLoads(loads: readonly number[], placement: readonly number[], workers: number): number[] {
  const totals = new Array<number>(workers).fill(0);
  loads.forEach((load, i) => {
    const w = placement[i] ?? 0;
    totals[w] = (totals[w] ?? 0) + load;
  });
  return totals;
}

/** max / mean: 1.00 is perfect balance; 2.00 means the busiest node does twice its share. */
export function maxMeanRatio(loads: readonly number[]): number {
  if (loads.length === 0) return 1;
  const total = loads.reduce((sum, x) => sum + x, 0);
  if (total === 0) return 1;
  return maxOf(loads) / (total / loads.length);
}

/** Share of the total held by the largest `fraction` of values (0.01 = top 1 %). */
export function topShare(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((x, y) => y - x);
  const take = Math.max(1, Math.round(sorted.length * fraction));
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return sorted.slice(0, take).reduce((sum, x) => sum + x, 0) / total;
}

/**
 * Which tenants get a dedicated shard: every tenant carrying more than `fractionOfShard` of an
 * average shard's load. Such a tenant alone makes its shard that much hotter than the rest and no
 * shard move can spread it, so the rule follows the cause of imbalance rather than a fixed top N.
 */
export function tenantsToIsolate(tenants: readonly Tenant[], shardCount: number, fractionOfShard: number): Tenant[] {
  const total = tenants.reduce((sum, t) => sum + t.load, 0);
  const threshold = (total / shardCount) * fractionOfShard;
  return tenants.filter((t) => t.load > threshold).sort((x, y) => y.load - x.load);
}

/** Splits off a dedicated shard for each tenant in turn (heaviest first, as an operator would). */
export function isolateTenants(shards: readonly ShardState[], tenants: readonly Tenant[]): ShardState[] {
  let result: ShardState[] = [...shards];
  for (const tenant of tenants) result = isolateTenant(result, tenant);
  return result;
}

export interface Placements {
  /** Citus default: shards round-robin over the workers, never moved. */
  roundRobin: number;
  /** After the rebalancer (whole shards moved, largest first onto the least-loaded worker). */
  rebalanced: number;
}

/** Worker max/mean for a set of shard loads under both placements. */
export function placements(shardLoads: readonly number[], workers: number): Placements {
  return {
    roundRobin: maxMeanRatio(workerLoads(shardLoads, roundRobinPlacement(shardLoads.length, workers), workers)),
    rebalanced: maxMeanRatio(workerLoads(shardLoads, greedyPlacement(shardLoads, workers), workers)),
  };
}

/**
 * The shard-to-shard imbalance left once the given tenants no longer count: what hashing the
 * remaining (small) tenants does on its own.
 */
export function residualShardRatio(shards: readonly ShardState[], removed: readonly Tenant[]): number {
  const gone = new Set(removed.map((t) => t.id));
  return maxMeanRatio(shards.map((s) => s.tenants.reduce((sum, t) => (gone.has(t.id) ? sum : sum + t.load), 0)));
}

export const totalLoad = (tenants: readonly Tenant[]) => tenants.reduce((sum, t) => sum + t.load, 0);

/** Math.max without spreading (100,000 arguments overflow the stack of a test worker). */
export const maxOf = (values: readonly number[]) => values.reduce((max, x) => (x > max ? x : max), -Infinity);
export const minOf = (values: readonly number[]) => values.reduce((min, x) => (x < min ? x : min), Infinity);
