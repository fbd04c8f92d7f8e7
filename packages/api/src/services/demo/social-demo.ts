import { systemDb } from "@mg/db/system";
import { createSandboxAdapter, encodeSandboxCode } from "@mg/integrations/sandbox";
import { integrationsEnv } from "@mg/integrations/env";
import { authForAccount, setNetworkAdapterOverride, tokenColumnsFor } from "@mg/integrations";
import { resolveLocalTime, toLocalTime } from "@mg/scheduling";
import { sendEvents, type JobEvent } from "@mg/jobs";
import { syncAccountMetrics } from "@mg/jobs/publishing";

/**
 * Demo social data for the seeded Northwind Bakery: two Sandbox accounts connected through the
 * Sandbox's own code exchange (so their tokens are real, encrypted Sandbox tokens), queue slots, a
 * campaign, posts already published on the Sandbox with metrics, upcoming posts and drafts.
 * Idempotent: an organization that already has social accounts is left alone.
 *
 * The metrics are not written here: the Sandbox runs on a pinned clock, the posts are made on it at
 * their (past) times, and the real metrics sync (`syncAccountMetrics`, the function the hourly
 * cron and the local scheduler call) is replayed over those past hours with that clock. So the
 * demo history is exactly what a live sync would have stored, and the next live sync continues it.
 */
const ORG_SLUG = "northwind-bakery";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PUBLISHED = [
  "Our new rye sourdough is out of the oven 🍞 Come early, it goes fast! #sourdough #bakery",
  "Meet Ana, who starts the ovens at 4 am every day. #bakerylife #team",
  "Cinnamon bun Friday is back. Two for one until noon! #cinnamonbuns #weekend",
  "Behind the scenes: 48 hours of fermentation for the perfect crust. #sourdough #craft",
  "Thank you for 1,000 orders this month ❤️ #community #localbusiness",
  "Gluten-free brownies are now on the menu. #glutenfree #brownies",
];
const UPCOMING = [
  "Holiday stollen pre-orders open today! #holidays #stollen",
  "Gingerbread workshop for kids this Saturday — book a spot. #gingerbread #family",
  "Our festive opening hours are here. #holidays",
  "Last call for Christmas cake orders! #christmas #bakery",
];
const PROFILES = [
  { name: "Northwind Bakery", handle: "northwindbakery" },
  { name: "Northwind Café", handle: "northwindcafe" },
];

/** Readings in each post's first hours come hourly; after that the replay reads every few hours. */
const HOURLY_AFTER_PUBLISH = 6;
const LATER_EVERY_HOURS = 8;

/**
 * When the replayed sync runs: every hour of each post's first hours (where its numbers move
 * most), every few hours otherwise, and once at `now`; one run per UTC hour (the latest), oldest first.
 */
export function demoSyncTimes(publishedAt: Date[], now: Date): Date[] {
  const first = Math.min(...publishedAt.map((d) => d.getTime()));
  const times: number[] = [now.getTime()];
  for (let t = first + LATER_EVERY_HOURS * HOUR; t < now.getTime(); t += LATER_EVERY_HOURS * HOUR) times.push(t);
  for (const at of publishedAt) for (let h = 1; h <= HOURLY_AFTER_PUBLISH; h++) times.push(at.getTime() + h * HOUR);
  const byHour = new Map<number, number>();
  for (const t of times) {
    if (t > now.getTime()) continue;
    const hour = Math.floor(t / HOUR);
    byHour.set(hour, Math.max(byHour.get(hour) ?? t, t));
  }
  return [...byHour.values()].sort((a, b) => a - b).map((t) => new Date(t));
}

export interface SocialDemoOptions {
  /** Default: the base seed's Northwind Bakery. */
  organizationSlug?: string;
  /** The Sandbox accounts to connect; a handle names the account on the Sandbox (tests pass unique ones). */
  profiles?: { name: string; handle: string }[];
  /** The seed's present (default: the real clock). */
  now?: Date;
  log?: (line: string) => void;
}

export async function seedSocialDemo(options: SocialDemoOptions = {}): Promise<void> {
  const log = options.log ?? console.log;
  const slug = options.organizationSlug ?? ORG_SLUG;
  const db = systemDb();
  const org = await db.organization.findUnique({ where: { slug } });
  if (!org) return log(`social demo: no ${slug} organization (run the base seed first)`);
  if ((await db.socialAccount.count({ where: { organizationId: org.id } })) > 0) return log("social demo: already present");
  const owner = await db.membership.findFirst({ where: { organization: { slug: "brightwave" }, role: "OWNER" }, select: { userId: true } });
  const now = (options.now ?? new Date()).getTime();
  // The Sandbox's clock: the present while connecting, each post's time while publishing it, each
  // replayed sync's time while reading metrics. No latency or random failures in a seed.
  let clock = now;
  const sandbox = createSandboxAdapter({ appUrl: integrationsEnv().APP_URL, now: () => new Date(clock) });

  const accounts = [];
  for (const profile of options.profiles ?? PROFILES) {
    const { tokens, profiles } = await sandbox.exchangeCode({ code: encodeSandboxCode(profile), codeVerifier: "", redirectUri: "" });
    const connected = profiles[0];
    if (!connected) throw new Error("the Sandbox returned no profile");
    accounts.push(
      await db.socialAccount.create({
        data: {
          organizationId: org.id,
          network: "SANDBOX",
          externalId: connected.externalId,
          name: connected.name,
          handle: connected.handle ?? profile.handle,
          metadata: { handle: profile.handle },
          connectedById: owner?.userId ?? null,
          ...tokenColumnsFor(tokens),
        },
      }),
    );
  }
  for (const account of accounts) {
    await db.queueSlot.createMany({
      data: [1, 2, 3, 4, 5].flatMap((weekday) => ["09:00", "12:30", "17:00"].map((localTime) => ({ organizationId: org.id, socialAccountId: account.id, weekday, localTime }))),
    });
  }
  const campaign = await db.campaign.create({
    data: {
      organizationId: org.id,
      name: "Holiday Treats",
      goal: "Sell out holiday pre-orders",
      kpiTargets: [
        { metric: "impressions", target: 20_000 },
        { metric: "engagements", target: 1_500 },
      ],
      budgetCents: 50_000,
      startsOn: new Date(now).toISOString().slice(0, 10),
      endsOn: new Date(now + 40 * DAY).toISOString().slice(0, 10),
      color: "#e11d48",
      createdById: owner?.userId ?? null,
    },
  });

  // Already published: on the Sandbox for real, at their times (the last one 20 hours ago), with the ledger.
  const publishedAt = PUBLISHED.map((_, i) => new Date(now - (PUBLISHED.length - 1 - i) * 3 * DAY - 20 * HOUR));
  for (const [i, text] of PUBLISHED.entries()) {
    const account = accounts[i % accounts.length];
    const at = publishedAt[i];
    if (!account || !at) continue;
    const post = await db.post.create({
      data: {
        organizationId: org.id,
        authorId: owner?.userId ?? null,
        content: text,
        labels: ["evergreen"],
        status: "PUBLISHED",
        timezone: org.timezone,
        localTime: toLocalTime(at, org.timezone),
        scheduledAt: at,
        publishedAt: at,
        scheduleVersion: 1,
      },
    });
    const target = await db.postTarget.create({
      data: { organizationId: org.id, postId: post.id, socialAccountId: account.id, network: "SANDBOX", status: "PUBLISHING", scheduledAt: at },
    });
    clock = at.getTime();
    const result = await sandbox.publish(authForAccount(account), { text, media: [], idempotencyKey: `${target.id}:v1` });
    await db.postTarget.update({ where: { id: target.id }, data: { status: "PUBLISHED", externalId: result.externalId, externalUrl: result.url ?? null, publishedAt: at, verifiedAt: at } });
    await db.publishLedger.create({
      data: {
        organizationId: org.id,
        postTargetId: target.id,
        scheduleVersion: 1,
        idempotencyKey: `${target.id}:v1`,
        state: "VERIFIED",
        externalId: result.externalId,
        externalUrl: result.url ?? null,
        attempts: 1,
        queuedAt: at,
        sentAt: at,
        acknowledgedAt: at,
        verifiedAt: at,
      },
    });
  }

  // Their metrics: the real sync, replayed over the past hours against the Sandbox on that clock
  // (the override is process-wide: this runs in the seed script, never inside the app).
  const syncTimes = demoSyncTimes(publishedAt, new Date(now));
  setNetworkAdapterOverride("SANDBOX", sandbox);
  try {
    for (const at of syncTimes) {
      clock = at.getTime();
      // The accounts side by side, as the cron fans out one run per account.
      await Promise.all(accounts.map((account) => syncAccountMetrics({ organizationId: org.id, socialAccountId: account.id, now: at })));
    }
  } finally {
    setNetworkAdapterOverride("SANDBOX", null);
    clock = now;
  }

  // Upcoming: scheduled in the campaign (the local scheduler or the job engine publishes them).
  const events: JobEvent[] = [];
  for (const [i, text] of UPCOMING.entries()) {
    const localTime = `${new Date(now + (3 + i * 4) * DAY).toISOString().slice(0, 10)}T${i % 2 === 0 ? "09:00" : "12:30"}`;
    const resolved = resolveLocalTime(org.timezone, localTime, "earlier");
    if (resolved.kind !== "ok") continue;
    const post = await db.post.create({
      data: {
        organizationId: org.id,
        authorId: owner?.userId ?? null,
        campaignId: campaign.id,
        content: text,
        labels: ["holidays"],
        status: "SCHEDULED",
        timezone: org.timezone,
        localTime,
        scheduledAt: resolved.instant,
        scheduleVersion: 1,
      },
    });
    await db.postTarget.createMany({
      data: accounts.map((account) => ({ organizationId: org.id, postId: post.id, socialAccountId: account.id, network: "SANDBOX" as const, status: "SCHEDULED" as const, scheduledAt: resolved.instant })),
    });
    events.push({ name: "post/scheduled", id: `post:${post.id}:v1`, data: { organizationId: org.id, postId: post.id, scheduleVersion: 1, scheduledAt: resolved.instant.toISOString() } });
  }
  await sendEvents(events);
  const draftAccount = accounts[0];
  if (draftAccount) {
    const draft = await db.post.create({
      data: { organizationId: org.id, authorId: owner?.userId ?? null, content: "Idea: a 'bake with us' video series? #baking", labels: ["ideas"], status: "DRAFT" },
    });
    await db.postTarget.create({ data: { organizationId: org.id, postId: draft.id, socialAccountId: draftAccount.id, network: "SANDBOX", status: "DRAFT" } });
  }
  log(`social demo: ${accounts.length} Sandbox accounts, ${PUBLISHED.length} published (metrics from ${syncTimes.length} replayed syncs) and ${UPCOMING.length} scheduled posts in ${slug}`);
}
