import type { FeatureKey, QuotaKey } from "../plans";

/**
 * The one list of what Marketing Genius does, in customers' words. The marketing site renders
 * every feature list from it and the plans may only promise its available entries, so a feature
 * is claimed exactly when it ships: flipping `status` is the whole launch.
 *
 * "available" means a customer can use it in the product today, end to end. Anything designed,
 * half-built or only in the data model is "coming-soon". Browser-safe: no server imports.
 */
export const FEATURE_STATUSES = ["available", "coming-soon"] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

/** Areas in the order the site presents them. */
export const FEATURE_AREAS = {
  publishing: "Social publishing",
  planning: "Planning and scheduling",
  analytics: "Campaigns and analytics",
  agencies: "For agencies",
  team: "Team and security",
  ai: "AI",
  leads: "Lead capture",
  crm: "CRM",
  messaging: "Email, SMS and WhatsApp",
  trade: "B2B trade",
  platform: "Platform",
} as const;
export type FeatureArea = keyof typeof FEATURE_AREAS;
export const FEATURE_AREA_ORDER = Object.keys(FEATURE_AREAS) as FeatureArea[];

export interface CatalogFeature {
  /** Stable kebab-case id (data attributes, tests, plan highlights). */
  readonly key: string;
  readonly name: string;
  /** One or two sentences a customer understands; no jargon, no promise beyond what ships. */
  readonly description: string;
  readonly area: FeatureArea;
  readonly status: FeatureStatus;
  /** The plan feature flag that gates it (plans/index.ts); absent when every plan has it. */
  readonly planFeature?: FeatureKey;
  /**
   * Words that would claim this feature. While it is coming soon, no promise on the site (hero,
   * descriptions, taglines, bullets) may use them; test/catalog.test.ts and the site's tests check.
   */
  readonly claims?: readonly string[];
}

export const FEATURE_CATALOG = [
  // ── Social publishing ─────────────────────────────────────────────────────────────────
  {
    key: "social-networks",
    name: "Six networks in one place",
    description: "Publish to Facebook Pages, Instagram, LinkedIn, X and TikTok — plus a built-in Sandbox network to try everything without touching a real account.",
    area: "publishing",
    status: "available",
  },
  {
    key: "composer-variants",
    name: "One post, a version per account",
    description: "Write once, then adjust the text for each account. Each network's limits are checked while you write, not after it fails.",
    area: "publishing",
    status: "available",
  },
  {
    key: "reliable-publishing",
    name: "Publishing you can trust",
    description: "Every post goes out exactly once, at its time. If a network refuses it, you see the network's own reason, get an alert and can retry in one click.",
    area: "publishing",
    status: "available",
  },
  {
    key: "media-library",
    name: "Media library",
    description: "Upload images and videos once and reuse them in any post. Each file is checked for a format the networks accept.",
    area: "publishing",
    status: "available",
  },
  {
    key: "hashtag-suggestions",
    name: "Hashtag suggestions",
    description: "Tags that brought you engagement before, and keywords from the post itself, suggested as you write.",
    area: "publishing",
    status: "available",
  },
  {
    key: "approval-workflows",
    name: "Approval workflows",
    description: "Send posts to a manager for sign-off before they are scheduled.",
    area: "publishing",
    status: "coming-soon",
    planFeature: "approvalWorkflows",
    claims: ["approval", "approve", "sign-off", "sign off"],
  },
  // ── Planning and scheduling ───────────────────────────────────────────────────────────
  {
    key: "local-time-calendar",
    name: "A calendar on your local time",
    description: "Month, week and list views with drag and drop, always in your organization's time zone. A time that daylight saving skips or repeats is never guessed: you choose.",
    area: "planning",
    status: "available",
  },
  {
    key: "recurring-posts",
    name: "Recurring posts",
    description: "Repeat a post every day, week or month. 9:00 stays 9:00 when the clocks change.",
    area: "planning",
    status: "available",
  },
  {
    key: "posting-slots",
    name: "Posting slots and best times",
    description: "Set your weekly posting slots, drop a post into the next free one, and see the best times to post from your own audience's engagement.",
    area: "planning",
    status: "available",
  },
  {
    key: "csv-import",
    name: "Bulk import from a spreadsheet",
    description: "Upload a CSV of posts: every row is checked first, then all are scheduled together — or none, with a report per row. One click undoes an import.",
    area: "planning",
    status: "available",
  },
  // ── Campaigns and analytics ───────────────────────────────────────────────────────────
  {
    key: "campaigns",
    name: "Campaigns with goals",
    description: "Group posts into campaigns with dates, a budget and KPI targets, and follow their progress.",
    area: "analytics",
    status: "available",
  },
  {
    key: "ab-tests",
    name: "A/B tests",
    description: "Publish two or more versions of a post and let the metric you chose pick the winner.",
    area: "analytics",
    status: "available",
  },
  {
    key: "analytics",
    name: "Analytics",
    description: "Impressions, reach, engagement and follower growth, for every post and every account.",
    area: "analytics",
    status: "available",
  },
  {
    key: "analytics-export",
    name: "Analytics export",
    description: "Download a spreadsheet with one row per published post and per account.",
    area: "analytics",
    status: "available",
  },
  // ── Agencies ──────────────────────────────────────────────────────────────────────────
  {
    key: "client-organizations",
    name: "Client organizations",
    description: "Each client gets its own organization — accounts, posts, media and team kept apart — and your team needs just one login.",
    area: "agencies",
    status: "available",
    planFeature: "agencyClients",
  },
  {
    key: "agency-overview",
    name: "Every client at a glance",
    description: "The agency dashboard lists every client with its set-up progress, team and latest activity. Open two clients side by side in two tabs.",
    area: "agencies",
    status: "available",
    planFeature: "agencyClients",
  },
  {
    key: "inherited-roles",
    name: "Agency roles that carry over",
    description: "Your people keep their agency role in every client, unless you give them a different one there.",
    area: "agencies",
    status: "available",
    planFeature: "agencyClients",
  },
  {
    key: "client-review-links",
    name: "Client review links",
    description: "Clients approve or comment on posts from a link, without an account.",
    area: "agencies",
    status: "coming-soon",
    planFeature: "approvalWorkflows",
    claims: ["review link", "client approval", "clients approve"],
  },
  {
    key: "white-label",
    name: "White-label branding",
    description: "Your logo, colours and domain on everything your clients see.",
    area: "agencies",
    status: "coming-soon",
    planFeature: "whiteLabel",
    claims: ["white-label", "white label", "whitelabel", "own brand", "your logo", "your colours", "your colors", "custom domain", "your domain"],
  },
  // ── Team and security ─────────────────────────────────────────────────────────────────
  {
    key: "team-roles",
    name: "Six roles",
    description: "Owner, admin, content manager, content editor, analyst and viewer: everyone sees and does what their role allows, nothing more.",
    area: "team",
    status: "available",
  },
  {
    key: "team-invitations",
    name: "Team invitations",
    description: "Invite teammates by email with the role they should have.",
    area: "team",
    status: "available",
  },
  {
    key: "audit-log",
    name: "Audit log",
    description: "Every change is recorded with who made it and when. Filter by action, person and date.",
    area: "team",
    status: "available",
  },
  {
    key: "secure-sign-in",
    name: "Secure sign-in",
    description: "Password, email link, Google or GitHub. Email addresses are confirmed, and repeated wrong passwords slow an attacker down without locking you out.",
    area: "team",
    status: "available",
  },
  {
    key: "session-control",
    name: "Session control",
    description: "See where you are signed in, and sign out one device or every device at once.",
    area: "team",
    status: "available",
  },
  {
    key: "data-isolation",
    name: "Your data kept apart",
    description: "Each organization's data is separated by the database itself, not only by the app, and that separation is tested on every change.",
    area: "team",
    status: "available",
  },
  {
    key: "audit-log-export",
    name: "Audit log export",
    description: "Download the audit log for your records or your auditors.",
    area: "team",
    status: "coming-soon",
    planFeature: "auditLogExport",
    claims: ["audit log export", "export the audit", "export your audit", "audit export"],
  },
  {
    key: "sso",
    name: "Single sign-on",
    description: "Sign in through your company's identity provider (SAML or OpenID Connect).",
    area: "team",
    status: "coming-soon",
    planFeature: "sso",
    claims: ["SSO", "single sign-on", "SAML"],
  },
  // ── AI ────────────────────────────────────────────────────────────────────────────────
  {
    key: "ai-hashtags",
    name: "AI hashtag suggestions",
    description: "An AI model adds hashtag ideas to the suggestions from your own history.",
    area: "ai",
    status: "available",
    planFeature: "aiAssistant",
  },
  {
    key: "ai-writing",
    name: "AI writing help",
    description: "Draft posts, emails and page copy in your brand's voice, then edit before anything goes out.",
    area: "ai",
    status: "coming-soon",
    planFeature: "aiAssistant",
    claims: ["AI writing", "AI help", "writes for you", "draft posts", "brand voice", "brand's voice"],
  },
  // ── Lead capture ──────────────────────────────────────────────────────────────────────
  {
    key: "landing-pages",
    name: "Landing pages",
    description: "Fast pages in your brand for offers and events, without a web developer.",
    area: "leads",
    status: "available",
    claims: ["landing page"],
  },
  {
    key: "lead-forms",
    name: "Lead forms",
    description: "Short forms on your pages and website; every submission arrives with where it came from, and a lead score that says why.",
    area: "leads",
    status: "available",
    claims: ["lead form", "leads", "lead capture", "capture lead", "form fill", "submission"],
  },
  {
    key: "qr-codes",
    name: "QR codes",
    description: "Printable QR codes that lead to your pages and count the scans.",
    area: "leads",
    status: "available",
    claims: ["QR"],
  },
  // ── CRM ───────────────────────────────────────────────────────────────────────────────
  {
    key: "crm",
    name: "CRM and deal pipeline",
    description: "Contacts and companies with their whole history on one timeline, custom fields, and deals on a drag-and-drop pipeline with a weighted forecast.",
    area: "crm",
    status: "available",
    claims: ["CRM", "deal", "pipeline", "contacts"],
  },
  {
    key: "crm-import-merge",
    name: "Contact import that updates, and merge",
    description: "Import a spreadsheet with a dry run first: people you already have are updated, not duplicated. Likely duplicates are listed for review, and a merge keeps everything and can be undone.",
    area: "crm",
    status: "available",
  },
  {
    key: "crm-segments",
    name: "Segments and lists",
    description: "Groups of contacts by any field, tag, consent, deal or activity, counted live while you build them, and exported as a spreadsheet.",
    area: "crm",
    status: "available",
  },
  {
    key: "crm-tasks",
    name: "Tasks and reminders",
    description: "Follow-ups on contacts and deals, due in your time zone, with a reminder in the app and by email when they are due.",
    area: "crm",
    status: "available",
  },
  // ── Email, SMS and WhatsApp ───────────────────────────────────────────────────────────
  {
    key: "email-campaigns",
    name: "Email campaigns",
    description: "Newsletters and announcements to the contacts who opted in, with one-click unsubscribe.",
    area: "messaging",
    status: "coming-soon",
    claims: ["email campaign", "newsletter", "email marketing"],
  },
  {
    key: "sms-whatsapp",
    name: "SMS and WhatsApp campaigns",
    description: "Short messages to the contacts who agreed to receive them.",
    area: "messaging",
    status: "coming-soon",
    claims: ["SMS", "WhatsApp", "text message"],
  },
  {
    key: "nurturing",
    name: "Automated follow-ups",
    description: "Sequences that follow up with new leads on a schedule, so nobody is forgotten.",
    area: "messaging",
    status: "coming-soon",
    claims: ["nurtur", "follow-up sequence", "drip"],
  },
  // ── B2B trade ─────────────────────────────────────────────────────────────────────────
  {
    key: "trade-matching",
    name: "B2B trade matching",
    description: "Publish what you make and can supply, answer requests for quotes and compare the quotes you receive.",
    area: "trade",
    status: "coming-soon",
    claims: ["trade matching", "RFQ", "request for quote", "buyers", "suppliers"],
  },
  // ── Platform ──────────────────────────────────────────────────────────────────────────
  {
    key: "public-api",
    name: "Public API",
    description: "Connect your own tools to your organization's data.",
    area: "platform",
    status: "coming-soon",
    planFeature: "apiAccess",
    claims: ["API", "webhook"],
  },
  {
    key: "billing",
    name: "Online billing",
    description: "Change plans and pay by card in the app; agencies bill their clients for what they use.",
    area: "platform",
    status: "coming-soon",
    claims: ["billed", "billing", "invoice", "pay by card"],
  },
] as const satisfies readonly CatalogFeature[];

type Entry = (typeof FEATURE_CATALOG)[number];
export type CatalogFeatureKey = Entry["key"];
/** Keys a plan or a page may promise: the type system refuses a coming-soon one. */
export type AvailableFeatureKey = Extract<Entry, { status: "available" }>["key"];
export type ComingSoonFeatureKey = Extract<Entry, { status: "coming-soon" }>["key"];

/**
 * Which feature each plan limit measures. A limit is only worth listing when its feature exists
 * (API calls per hour mean nothing before the public API ships).
 */
export const QUOTA_FEATURE = {
  users: "team-invitations",
  socialAccounts: "social-networks",
  campaigns: "campaigns",
  storageMb: "media-library",
  apiCallsPerHour: "public-api",
  clientOrganizations: "client-organizations",
} as const satisfies Record<QuotaKey, CatalogFeatureKey>;
export type AvailableQuotaKey = { [Q in QuotaKey]: (typeof QUOTA_FEATURE)[Q] extends AvailableFeatureKey ? Q : never }[QuotaKey];

const BY_KEY: ReadonlyMap<string, CatalogFeature> = new Map(FEATURE_CATALOG.map((feature) => [feature.key, feature]));

export function catalogFeature(key: CatalogFeatureKey): CatalogFeature {
  const feature = BY_KEY.get(key);
  if (!feature) throw new Error(`No feature "${key}" in the catalog`);
  return feature;
}

/** Whatever key a caller holds (a plan highlight, a URL): undefined when it is not in the catalog. */
export function findCatalogFeature(key: string): CatalogFeature | undefined {
  return BY_KEY.get(key);
}

export function isAvailable(feature: CatalogFeature): boolean {
  return feature.status === "available";
}

export const AVAILABLE_FEATURES: readonly CatalogFeature[] = FEATURE_CATALOG.filter(isAvailable);
export const COMING_SOON_FEATURES: readonly CatalogFeature[] = FEATURE_CATALOG.filter((feature) => !isAvailable(feature));

/** The catalog entries a plan feature flag gates. */
export function featuresGatedBy(planFeature: FeatureKey): CatalogFeature[] {
  return FEATURE_CATALOG.filter((feature: CatalogFeature) => feature.planFeature === planFeature);
}

/** A plan flag is worth something today when at least one feature it gates is available. */
export function isPlanFeatureAvailable(planFeature: FeatureKey): boolean {
  return featuresGatedBy(planFeature).some(isAvailable);
}

export function isQuotaAvailable(quota: QuotaKey): boolean {
  return catalogFeature(QUOTA_FEATURE[quota]).status === "available";
}

export interface ClaimFound {
  feature: CatalogFeature;
  word: string;
}

function claimPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Start at a word boundary so "API" does not match "capital"; stems like "nurtur" may run on.
  // Acronyms are matched case-sensitively ("SMS" is a claim, "sms" inside a word is not).
  const acronym = /^[A-Z]{2,}$/.test(word);
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, acronym ? "u" : "iu");
}

/** The coming-soon features a piece of promise text would claim (empty when it is honest). */
export function comingSoonClaimsIn(text: string): ClaimFound[] {
  const found: ClaimFound[] = [];
  for (const feature of COMING_SOON_FEATURES) {
    for (const word of feature.claims ?? []) {
      if (claimPattern(word).test(text)) found.push({ feature, word });
    }
  }
  return found;
}
