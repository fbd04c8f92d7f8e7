import { describe, expect, it } from "vitest";
import {
  assignTenants,
  boundedParetoSample,
  bytesToUuid,
  citusShardRanges,
  drawTenants,
  greedyPlacement,
  isolateTenant,
  maxMeanRatio,
  maxOf,
  minOf,
  mulberry32,
  placements,
  postgresHashBytes,
  randomUuidBytes,
  roundRobinPlacement,
  shardIndexFor,
  tenantsToIsolate,
  topShare,
  totalLoad,
  uuidToBytes,
  workerLoads,
  type Tenant,
} from "./shard-balance";

describe("PostgreSQL's hash, as Citus applies it to a uuid distribution column", () => {
  it("equals uuid_hash() on PostgreSQL 15 (values read from the server)", () => {
    const expected: Record<string, number> = {
      "00000000-0000-0000-0000-000000000000": 1353656403,
      "ffffffff-ffff-ffff-ffff-ffffffffffff": -682383255,
      "5f0c6e2a-1d3b-4c8e-9a7f-2b4d6e8f0a1c": 1073903272,
      "a81bc81b-dead-4e5d-abff-90865d1e13b1": 2061667386,
      "123e4567-e89b-12d3-a456-426614174000": 1944658063,
    };
    for (const [uuid, hash] of Object.entries(expected)) expect(postgresHashBytes(uuidToBytes(uuid)), uuid).toBe(hash);
  });

  it("equals hashtext() for every tail length (0–13 bytes and a two-block key)", () => {
    // SELECT hashtext(left('abcdefghijklmnopqrstuvwxyz', n)): hash_bytes over the text's bytes.
    const expected = [
      -1477818771, 1075015857, 1718550461, -785388649, -393934804, -445659580, -1747460160, 501636814, -1960928205, -92131489, 1948051852, -1483803693, -1586087212, 405849808,
    ];
    const alphabet = "abcdefghijklmnopqrstuvwxyz";
    expected.forEach((hash, n) => expect(postgresHashBytes(new TextEncoder().encode(alphabet.slice(0, n))), `length ${n}`).toBe(hash));
    expect(postgresHashBytes(new TextEncoder().encode(alphabet.slice(0, 25)))).toBe(980150893);
  });
});

describe("Citus hash ranges", () => {
  it("cut the int32 space into equal contiguous slices, the last stretched to INT32_MAX", () => {
    const shards = citusShardRanges(32);
    expect(shards).toHaveLength(32);
    expect(shards[0]).toEqual({ min: -2147483648, max: -2013265921 });
    expect(shards[31]).toEqual({ min: 2013265920, max: 2147483647 });
    for (let i = 1; i < shards.length; i++) expect(shards[i]?.min).toBe((shards[i - 1]?.max ?? 0) + 1);
    expect(citusShardRanges(3).at(-1)?.max).toBe(2147483647);
  });

  it("find the shard holding a hash at both edges of a range", () => {
    const shards = citusShardRanges(32);
    expect(shardIndexFor(shards, -2147483648)).toBe(0);
    expect(shardIndexFor(shards, -2013265921)).toBe(0);
    expect(shardIndexFor(shards, -2013265920)).toBe(1);
    expect(shardIndexFor(shards, 0)).toBe(16);
    expect(shardIndexFor(shards, 2147483647)).toBe(31);
  });
});

describe("sampling", () => {
  it("the PRNG is deterministic per seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(first[0]);
    const mean = first.reduce((s, x) => s + x, 0) / first.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it("bounded Pareto draws stay in bounds and follow the (min/x)^alpha tail", () => {
    const random = mulberry32(7);
    const [min, max, alpha] = [4, 150_000, 1.16];
    const draws = Array.from({ length: 200_000 }, () => boundedParetoSample(random, min, max, alpha));
    expect(minOf(draws)).toBe(min);
    expect(maxOf(draws)).toBeLessThanOrEqual(max);
    const tail = (x: number) => (Math.pow(min / x, alpha) - Math.pow(min / max, alpha)) / (1 - Math.pow(min / max, alpha));
    for (const x of [8, 40, 400]) {
      const observed = draws.filter((d) => d >= x).length / draws.length;
      expect(observed / tail(x), `P(X ≥ ${x})`).toBeGreaterThan(0.95);
      expect(observed / tail(x), `P(X ≥ ${x})`).toBeLessThan(1.05);
    }
    // The 80/20 shape: the top fifth holds roughly four fifths (less, as the bound trims the tail).
    expect(topShare(draws, 0.2)).toBeGreaterThan(0.7);
    expect(topShare(draws, 0.2)).toBeLessThan(0.85);
  });

  it("tenant ids are version-4 UUIDs, round-trip as text, and the population is reproducible", () => {
    const bytes = randomUuidBytes(mulberry32(1));
    const uuid = bytesToUuid(bytes);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidToBytes(uuid)).toEqual(bytes);
    const population = { count: 2_000, seed: 99, min: 4, max: 150_000, alpha: 1.16 };
    const tenants = drawTenants(population);
    expect(drawTenants(population)).toEqual(tenants);
    expect(new Set(tenants.map((t) => t.id)).size).toBe(tenants.length);
    for (const t of tenants.slice(0, 50)) expect(t.hash).toBe(postgresHashBytes(uuidToBytes(t.id)));
  });
});

const tenant = (id: string, hash: number, load: number): Tenant => ({ id, hash, load });

describe("tenant isolation", () => {
  it("splits the shard at hash - 1 and hash: the tenant alone in the middle, the load conserved", () => {
    const shards = assignTenants(citusShardRanges(2), [tenant("a", -10, 5), tenant("big", 100, 50), tenant("c", 101, 7), tenant("d", 5_000, 3), tenant("e", -5_000, 1)]);
    const split = isolateTenant(shards, tenant("big", 100, 50));
    expect(split.map((s) => [s.min, s.max, s.tenants.map((t) => t.id), s.isolated])).toEqual([
      [-2147483648, -1, ["a", "e"], false],
      [0, 99, [], false],
      [100, 100, ["big"], true],
      [101, 2147483647, ["c", "d"], false],
    ]);
    expect(totalLoad(split.flatMap((s) => s.tenants))).toBe(66);
    expect(split.reduce((sum, s) => sum + s.load, 0)).toBe(66);
  });

  it("at the edge of a range makes two shards, and isolating twice changes nothing", () => {
    const shards = assignTenants(citusShardRanges(2), [tenant("edge", 0, 9), tenant("x", 12, 1)]);
    const once = isolateTenant(shards, tenant("edge", 0, 9));
    expect(once.map((s) => [s.min, s.max])).toEqual([
      [-2147483648, -1],
      [0, 0],
      [1, 2147483647],
    ]);
    expect(isolateTenant(once, tenant("edge", 0, 9))).toEqual(once);
  });

  it("picks the tenants above the given share of an average shard, heaviest first", () => {
    const tenants = [tenant("s1", 1, 10), tenant("big", 2, 400), tenant("mid", 3, 130), tenant("s2", 4, 60)];
    // total 600 over 4 shards: 150 per shard; a quarter of that is 37.5.
    expect(tenantsToIsolate(tenants, 4, 0.25).map((t) => t.id)).toEqual(["big", "mid", "s2"]);
    expect(tenantsToIsolate(tenants, 4, 1).map((t) => t.id)).toEqual(["big"]);
  });
});

describe("placement and balance", () => {
  it("round-robin and largest-first placements, and max/mean", () => {
    const loads = [5, 4, 3, 3, 3];
    expect(roundRobinPlacement(5, 2)).toEqual([0, 1, 0, 1, 0]);
    expect(workerLoads(loads, roundRobinPlacement(5, 2), 2)).toEqual([11, 7]);
    expect(workerLoads(loads, greedyPlacement(loads, 2), 2)).toEqual([8, 10]);
    expect(maxMeanRatio([11, 7])).toBeCloseTo(11 / 9, 10);
    expect(maxMeanRatio([3, 3, 3])).toBe(1);
    expect(maxMeanRatio([])).toBe(1);
    expect(placements(loads, 2)).toEqual({ roundRobin: 11 / 9, rebalanced: 10 / 9 });
  });

  it("on a heavy-tailed population, isolation then rebalancing beats rebalancing beats round-robin", () => {
    const tenants = drawTenants({ count: 20_000, seed: 20_261_202, min: 4, max: 150_000, alpha: 1.16 });
    const shards = assignTenants(citusShardRanges(32), tenants);
    const split = tenantsToIsolate(tenants, 32, 0.25).reduce((s, t) => isolateTenant(s, t), shards);
    for (const workers of [4, 8, 16]) {
      const before = placements(shards.map((s) => s.load), workers);
      const after = placements(split.map((s) => s.load), workers);
      expect(before.rebalanced, `${workers} workers`).toBeLessThanOrEqual(before.roundRobin);
      expect(after.rebalanced, `${workers} workers`).toBeLessThanOrEqual(before.rebalanced);
    }
  });
});
