import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg, type PostStatus } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import { createPostRow, createSandboxAccount } from "../social-fixtures";
import { searchPostsSql } from "../../src/services/posts/queries";

// The posts list (posts.search) is one keyset-paginated statement: these prove its pages against
// what Prisma reads for the same order and filters — no row repeated or skipped when many posts
// share a created_at, filters kept across pages, the API's row shape — and that RLS backs it.

let tenant: Tenant;
let other: Tenant;
let campaignId: string;
const STATUSES: PostStatus[] = ["PUBLISHED", "SCHEDULED", "DRAFT", "FAILED"];
const POSTS = 23;

const calendarSelect = {
  id: true,
  content: true,
  status: true,
  timezone: true,
  localTime: true,
  scheduledAt: true,
  publishedAt: true,
  labels: true,
  abTestId: true,
  abVariantKey: true,
  recurrenceRule: true,
  seriesId: true,
  authorId: true,
  mediaIds: true,
  createdAt: true,
  campaign: { select: { id: true, name: true, color: true } },
  targets: {
    select: { id: true, socialAccountId: true, network: true, status: true, lastError: true, externalUrl: true, socialAccount: { select: { name: true, handle: true } } },
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
  },
};

beforeAll(async () => {
  tenant = await createTenant("search");
  other = await createTenant("search-other");
  const db = systemDb();
  const [a, b] = [await createSandboxAccount(tenant, { handle: "bakery" }), await createSandboxAccount(tenant, { handle: "cafe" })];
  campaignId = (await db.campaign.create({ data: { organizationId: tenant.id, name: "Spring", startsOn: "2026-03-01", endsOn: "2026-05-31", color: "#ff8800" } })).id;
  // Four posts per instant: the id alone orders them, so a page boundary falls inside a tie.
  const base = Date.UTC(2026, 5, 1, 9, 0, 0);
  for (let n = 0; n < POSTS; n++) {
    const post = await db.post.create({
      data: {
        organizationId: tenant.id,
        content: n === 7 ? "Half price: 50% off today" : n === 9 ? "Half price: 50 percent, 5 0%" : n % 5 === 0 ? `Post ${n} with a CROISSANT` : `Post ${n}`,
        labels: n % 6 === 0 ? ["croissant"] : [],
        status: STATUSES[n % STATUSES.length],
        campaignId: n % 3 === 0 ? campaignId : null,
        timezone: "Europe/London",
        localTime: "2026-06-10T09:00",
        scheduledAt: new Date(base + 9 * 86_400_000),
        createdAt: new Date(base - Math.floor(n / 4) * 60_000),
      },
    });
    const accounts = n % 2 === 0 ? [a, b] : [a];
    for (const account of accounts) {
      await db.postTarget.create({ data: { organizationId: tenant.id, postId: post.id, socialAccountId: account.id, network: "SANDBOX", status: "SCHEDULED", lastError: n === 3 ? "rate limited" : null } });
    }
  }
  await createPostRow(other, { content: "Post of the other organization, with a croissant" });
});
afterAll(async () => {
  await deleteTenant(tenant);
  await deleteTenant(other);
});

type SearchInput = { query?: string; statuses?: PostStatus[]; campaignId?: string; cursor?: string; limit?: number };

/** Every page of `input`, following nextCursor to the end. */
async function allPages(input: SearchInput, limit: number) {
  const caller = callerFor(tenant.users.VIEWER, tenant.slug);
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await caller.posts.search({ ...input, limit, ...(cursor ? { cursor } : {}) });
    pages++;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((p) => p.id));
    if (!page.nextCursor) return { ids, pages };
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor;
    if (pages > POSTS + 1) throw new Error("the pages never end");
  }
}

/** What Prisma reads for the same order and filter: the expected list. */
async function expected(where: Record<string, unknown>) {
  const rows = await systemDb().post.findMany({ where: { organizationId: tenant.id, ...where }, select: { id: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map((r) => r.id);
}

describe("posts.search: keyset pages", () => {
  it("pages of 5 (and of 1, and of 4 — the size of a tie) cover every post once, newest first, ids breaking ties", async () => {
    const all = await expected({});
    expect(all).toHaveLength(POSTS);
    for (const limit of [5, 1, 4]) {
      const { ids, pages } = await allPages({}, limit);
      expect(ids, `pages of ${limit}`).toEqual(all);
      // One row read beyond each page tells whether another follows: never an empty last page.
      expect(pages).toBe(Math.ceil(POSTS / limit));
    }
  });

  it("answers in the shape Prisma's select gives (dates, campaign, targets with their accounts)", async () => {
    const page = await callerFor(tenant.users.VIEWER, tenant.slug).posts.search({ limit: 10 });
    const prisma = await systemDb().post.findMany({ where: { organizationId: tenant.id }, select: calendarSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 10 });
    expect(page.items).toEqual(prisma);
    expect(page.items[0]?.createdAt).toBeInstanceOf(Date);
    expect(page.items.some((p) => p.campaign?.color === "#ff8800")).toBe(true);
    expect(page.items.some((p) => p.targets.length === 2)).toBe(true);
  });

  it("keeps each filter across pages: one status, several, a campaign, text in content or a label", async () => {
    const cases: [SearchInput, Record<string, unknown>][] = [
      [{ statuses: ["FAILED"] }, { status: "FAILED" }],
      [{ statuses: ["DRAFT", "SCHEDULED"] }, { status: { in: ["DRAFT", "SCHEDULED"] } }],
      [{ campaignId }, { campaignId }],
      [{ query: "croissant" }, { OR: [{ content: { contains: "croissant", mode: "insensitive" } }, { labels: { has: "croissant" } }] }],
      [{ query: "croissant", statuses: ["PUBLISHED"] }, { status: "PUBLISHED", OR: [{ content: { contains: "croissant", mode: "insensitive" } }, { labels: { has: "croissant" } }] }],
    ];
    for (const [input, where] of cases) {
      const want = await expected(where);
      expect(want.length, JSON.stringify(input)).toBeGreaterThan(1);
      expect((await allPages(input, 2)).ids, JSON.stringify(input)).toEqual(want);
    }
  });

  it("searches for the characters typed: % and _ are not wildcards", async () => {
    const { ids } = await allPages({ query: "50%" }, 5);
    const [literal] = await expected({ content: "Half price: 50% off today" });
    expect(ids).toEqual([literal]);
    expect((await allPages({ query: "5_0" }, 5)).ids).toEqual([]);
  });

  it("a cursor naming another organization's post, or nobody's, gives the same empty page", async () => {
    const caller = callerFor(tenant.users.VIEWER, tenant.slug);
    const foreign = await systemDb().post.findFirstOrThrow({ where: { organizationId: other.id }, select: { id: true } });
    const fromOther = await caller.posts.search({ limit: 5, cursor: foreign.id });
    const unknown = await caller.posts.search({ limit: 5, cursor: randomUUID() });
    expect(fromOther).toEqual({ items: [], nextCursor: null });
    expect(unknown).toEqual(fromOther);
  });

  it("RLS backs the statement's own organization predicate: aimed at another organization inside this one's scope, it reads nothing", async () => {
    const rows = await withOrg(tenant.id, (db) => db.$queryRaw<{ id: string }[]>(searchPostsSql(other.id, { limit: 10 })));
    expect(rows).toEqual([]);
    const own = await withOrg(other.id, (db) => db.$queryRaw<{ id: string }[]>(searchPostsSql(other.id, { limit: 10 })));
    expect(own).toHaveLength(1);
  });

  it("reads a page from the list's index, in its order (no sort), under RLS — first page and after a cursor", async () => {
    const cursor = (await expected({}))[9];
    for (const input of [{ limit: 5 }, { limit: 5, cursor }, { limit: 5, campaignId }]) {
      const plan = await withOrg(tenant.id, async (db) => {
        // Tiny tables would be read whole; what matters is whether an index gives the order.
        await db.$executeRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)`;
        const sql = searchPostsSql(tenant.id, input);
        const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql.text}`, ...sql.values);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      const page = plan.slice(0, plan.indexOf("SubPlan"));
      expect(page, JSON.stringify(input)).toMatch(/Index Scan using posts_organization_id_(campaign_id_)?created_at_id_idx/);
      expect(page, JSON.stringify(input)).not.toMatch(/Sort/);
      if (input.cursor) expect(page).toMatch(/Index Cond: .*ROW\(created_at, id\) < ROW/);
    }
  });
});
