import { z } from "zod";
import type { AbTestMetric, TenantDb } from "@mg/db";
// The decision job's own scoring, so a live value is exactly what the winner will be picked by.
import { metricValue } from "@mg/jobs/publishing";
import { addCounters, countersOf, latestSnapshots, ZERO } from "../analytics/metrics";

/** The stored decision ({ variants: [{ postId, key, value }] }), read defensively. */
const resultSchema = z.object({ variants: z.array(z.object({ postId: z.string(), key: z.string().nullish(), value: z.number().nullable() })) });

export const AB_TEST_SELECT = {
  id: true,
  name: true,
  metric: true,
  windowHours: true,
  status: true,
  decideAt: true,
  decidedAt: true,
  winnerPostId: true,
  result: true,
  createdAt: true,
  posts: {
    orderBy: { abVariantKey: "asc" as const },
    select: { id: true, abVariantKey: true, status: true, content: true, scheduledAt: true, publishedAt: true, targets: { select: { id: true, status: true } } },
  },
} as const;

type AbTestRow = {
  id: string;
  name: string;
  metric: AbTestMetric;
  windowHours: number;
  status: string;
  decideAt: Date | null;
  decidedAt: Date | null;
  winnerPostId: string | null;
  result: unknown;
  createdAt: Date;
  posts: { id: string; abVariantKey: string | null; status: string; content: string; scheduledAt: Date | null; publishedAt: Date | null; targets: { id: string; status: string }[] }[];
};

/**
 * Tests with their variants' values: the decided value once the job has picked a winner, the
 * live value (from each published target's latest snapshot) while the test runs.
 */
export async function withVariantValues(db: TenantDb, tests: AbTestRow[]) {
  const publishedTargets = tests.flatMap((t) => t.posts.flatMap((p) => p.targets.filter((x) => x.status === "PUBLISHED").map((x) => x.id)));
  const latest = await latestSnapshots(db, publishedTargets);
  return tests.map((test) => {
    const decided = resultSchema.safeParse(test.result);
    const decidedValues = new Map(decided.success ? decided.data.variants.map((v) => [v.postId, v.value]) : []);
    return {
      id: test.id,
      name: test.name,
      metric: test.metric,
      windowHours: test.windowHours,
      status: test.status,
      decideAt: test.decideAt,
      decidedAt: test.decidedAt,
      winnerPostId: test.winnerPostId,
      createdAt: test.createdAt,
      variants: test.posts.map((post) => {
        const snapshots = post.targets.flatMap((t) => {
          const s = latest.get(t.id);
          return s ? [countersOf(s)] : [];
        });
        const live = snapshots.length > 0 ? metricValue(test.metric, snapshots.reduce(addCounters, ZERO)) : null;
        return {
          postId: post.id,
          key: post.abVariantKey,
          status: post.status,
          content: post.content.slice(0, 280),
          scheduledAt: post.scheduledAt,
          publishedAt: post.publishedAt,
          value: decidedValues.has(post.id) ? (decidedValues.get(post.id) ?? null) : live,
        };
      }),
    };
  });
}
