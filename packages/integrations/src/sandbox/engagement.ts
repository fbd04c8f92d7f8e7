import { createHash } from "node:crypto";
import type { AccountMetrics, PostMetrics, RemoteComment } from "../types";

/**
 * Sandbox engagement: a pure function of the post's id and age, so every fetch is reproducible
 * and later fetches never report less than earlier ones (the metrics pipeline relies on that).
 * Most reach comes in the first hours (an exponential approach), then a slow long tail.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A stable pseudo-random number in [0, 1) for (id, salt). */
export function seeded(id: string, salt: string): number {
  return createHash("sha256").update(`${id}:${salt}`).digest().readUInt32BE(0) / 2 ** 32;
}

function reachCurve(postId: string, ageMs: number): number {
  if (ageMs <= 0) return 0;
  const potential = 300 + seeded(postId, "potential") * 4_700;
  const tauHours = 4 + seeded(postId, "tau") * 20;
  const early = 1 - Math.exp(-ageMs / HOUR_MS / tauHours);
  const tail = 0.1 * Math.log1p(ageMs / DAY_MS);
  return potential * (early + tail);
}

const rates = (postId: string) => ({
  reach: 0.6 + 0.3 * seeded(postId, "reach"),
  likes: 0.02 + 0.06 * seeded(postId, "likes"),
  comments: 0.002 + 0.01 * seeded(postId, "comments"),
  shares: 0.001 + 0.008 * seeded(postId, "shares"),
  clicks: 0.005 + 0.02 * seeded(postId, "clicks"),
});

export function sandboxPostMetrics(postId: string, createdAt: Date, at: Date): PostMetrics {
  const impressions = reachCurve(postId, at.getTime() - createdAt.getTime());
  const r = rates(postId);
  return {
    impressions: Math.floor(impressions),
    reach: Math.floor(impressions * r.reach),
    likes: Math.floor(impressions * r.likes),
    comments: Math.floor(impressions * r.comments),
    shares: Math.floor(impressions * r.shares),
    clicks: Math.floor(impressions * r.clicks),
  };
}

const AUTHORS = ["Ava Patel", "Noah Kim", "Mia Schmidt", "Liam O'Brien", "Zoe Martin", "Lucas Rossi", "Emma Dubois", "Kenji Sato", "Sofia Garcia", "Omar Haddad"];
const OPENERS = ["Love this", "So good", "Great post", "This is helpful", "Nice one", "Interesting", "Can't wait", "Thanks for sharing", "Big fan", "Well said"];
const CLOSERS = ["!", " 🙌", " — saving it.", ", sharing with my team.", "! When is the next one?", " 👏", ". More like this please.", "!!", " 🔥", "."];
const MAX_COMMENTS = 25;
// Comments are looked for within ten years of the post; a fixed window keeps their times stable.
const SEARCH_WINDOW_MS = 10 * 365 * DAY_MS;

/** The moment the post's comment count first reaches `n` (bisection on the monotonic curve). */
function timeOfNthComment(postId: string, n: number): number {
  const rate = rates(postId).comments;
  let low = 0;
  let high = SEARCH_WINDOW_MS;
  if (Math.floor(reachCurve(postId, high) * rate) < n) return Number.POSITIVE_INFINITY;
  while (high - low > 1_000) {
    const mid = (low + high) / 2;
    if (Math.floor(reachCurve(postId, mid) * rate) >= n) high = mid;
    else low = mid;
  }
  return Math.ceil(high / 1_000) * 1_000;
}

/** The comments that exist at `at` (at most 25, oldest first), each with a stable id, author, text and time. */
export function sandboxComments(postId: string, createdAt: Date, at: Date): RemoteComment[] {
  const count = Math.min(sandboxPostMetrics(postId, createdAt, at).comments, MAX_COMMENTS);
  const comments: RemoteComment[] = [];
  for (let i = 1; i <= count; i += 1) {
    const offset = timeOfNthComment(postId, i);
    if (!Number.isFinite(offset)) break;
    const pick = (list: readonly string[], salt: string) => list[Math.floor(seeded(postId, `${salt}${i}`) * list.length)] ?? list[0] ?? "";
    comments.push({
      id: `${postId}_c${i}`,
      author: pick(AUTHORS, "author"),
      text: `${pick(OPENERS, "opener")}${pick(CLOSERS, "closer")}`,
      createdAt: new Date(Math.min(createdAt.getTime() + offset, at.getTime())),
    });
  }
  return comments;
}

/** Account totals over its live posts; followers grow with the engagement those posts earned. */
export function sandboxAccountMetrics(accountExternalId: string, posts: { id: string; createdAt: Date }[], at: Date): AccountMetrics {
  let impressions = 0;
  let engagements = 0;
  for (const post of posts) {
    const m = sandboxPostMetrics(post.id, post.createdAt, at);
    impressions += m.impressions;
    engagements += m.likes + m.comments + m.shares + m.clicks;
  }
  const baseFollowers = 50 + Math.floor(seeded(accountExternalId, "followers") * 1_950);
  return { followers: baseFollowers + Math.floor(engagements * 0.1), impressions, engagements };
}
