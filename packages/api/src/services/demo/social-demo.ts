import { systemDb } from "@mg/db/system";
import { createSandboxAdapter, encodeSandboxCode } from "@mg/integrations/sandbox";
import { integrationsEnv } from "@mg/integrations/env";
import { authForAccount, tokenColumnsFor } from "@mg/integrations/accounts";
import { resolveLocalTime, toLocalTime } from "@mg/scheduling";
import { sendEvents, type JobEvent } from "@mg/jobs";

/**
 * Demo social data for the seeded Northwind Bakery: two Sandbox accounts connected through the
 * Sandbox's own code exchange (so their tokens are real, encrypted Sandbox tokens), queue slots, a
 * campaign, posts already published on the Sandbox with metrics, upcoming posts and drafts.
 * Idempotent: an organization that already has social accounts is left alone.
 */
const ORG_SLUG = "northwind-bakery";
const DAY = 86_400_000;

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

export async function seedSocialDemo(log: (line: string) => void = console.log): Promise<void> {
  const db = systemDb();
  const org = await db.organization.findUnique({ where: { slug: ORG_SLUG } });
  if (!org) return log(`social demo: no ${ORG_SLUG} organization (run the base seed first)`);
  if ((await db.socialAccount.count({ where: { organizationId: org.id } })) > 0) return log("social demo: already present");
  const owner = await db.membership.findFirst({ where: { organization: { slug: "brightwave" }, role: "OWNER" }, select: { userId: true } });
  const sandbox = createSandboxAdapter({ appUrl: integrationsEnv().APP_URL });

  const accounts = [];
  for (const profile of [
    { name: "Northwind Bakery", handle: "northwindbakery" },
    { name: "Northwind Café", handle: "northwindcafe" },
  ]) {
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
  const now = Date.now();
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

  // Already published: on the Sandbox for real, with the ledger and hourly metric snapshots.
  for (const [i, text] of PUBLISHED.entries()) {
    const account = accounts[i % accounts.length];
    if (!account) continue;
    const publishedAt = new Date(now - (PUBLISHED.length - i) * 3 * DAY);
    const post = await db.post.create({
      data: {
        organizationId: org.id,
        authorId: owner?.userId ?? null,
        content: text,
        labels: ["evergreen"],
        status: "PUBLISHED",
        timezone: org.timezone,
        localTime: toLocalTime(publishedAt, org.timezone),
        scheduledAt: publishedAt,
        publishedAt,
        scheduleVersion: 1,
      },
    });
    const target = await db.postTarget.create({
      data: { organizationId: org.id, postId: post.id, socialAccountId: account.id, network: "SANDBOX", status: "PUBLISHING", scheduledAt: publishedAt },
    });
    const auth = authForAccount(account);
    const result = await sandbox.publish(auth, { text, media: [], idempotencyKey: `${target.id}:v1` });
    await db.postTarget.update({ where: { id: target.id }, data: { status: "PUBLISHED", externalId: result.externalId, externalUrl: result.url ?? null, publishedAt, verifiedAt: publishedAt } });
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
        queuedAt: publishedAt,
        sentAt: publishedAt,
        acknowledgedAt: publishedAt,
        verifiedAt: publishedAt,
      },
    });
    // A few daily snapshots of cumulative totals, growing like a real post's.
    for (let d = 1; d <= 3; d++) {
      const periodStart = new Date(Math.floor((publishedAt.getTime() + d * DAY) / 3_600_000) * 3_600_000);
      if (periodStart.getTime() > now) break;
      const scale = d / 3;
      const base = 400 + i * 180;
      await db.postMetric.create({
        data: {
          organizationId: org.id,
          postTargetId: target.id,
          socialAccountId: account.id,
          periodStart,
          impressions: Math.round(base * scale),
          reach: Math.round(base * 0.8 * scale),
          likes: Math.round((20 + i * 9) * scale),
          comments: Math.round((3 + i) * scale),
          shares: Math.round((2 + (i % 3)) * scale),
          clicks: Math.round((8 + i * 2) * scale),
        },
      });
    }
  }
  for (const account of accounts) {
    for (let d = 14; d >= 0; d--) {
      await db.accountMetric.create({
        data: {
          organizationId: org.id,
          socialAccountId: account.id,
          day: new Date(now - d * DAY).toISOString().slice(0, 10),
          followers: 1_200 + (14 - d) * 11,
          impressions: 300 + ((d * 37) % 200),
          engagements: 25 + ((d * 13) % 30),
        },
      });
    }
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
  log(`social demo: ${accounts.length} Sandbox accounts, ${PUBLISHED.length} published and ${UPCOMING.length} scheduled posts in ${ORG_SLUG}`);
}
