/**
 * Every sentence of promise on the site that is not a catalog entry: titles, descriptions, hero,
 * section intros, illustrations. Kept here, out of the JSX, so test/copy.test.ts can prove none of
 * it claims a feature the catalog marks coming soon. Feature names and descriptions themselves
 * come from the catalog (@mg/api/catalog), never from this file.
 */

export const SITE = {
  name: "Marketing Genius",
  title: "Marketing Genius — Plan, publish and measure your social media",
  description:
    "Plan posts in one calendar, publish them to Facebook, Instagram, LinkedIn, X and TikTok at the right local time, and see what worked — for small businesses and the agencies that serve them.",
  footerBlurb: "Social publishing, scheduling and analytics for small businesses — and the agencies that run them.",
};

export const HOME = {
  description:
    "Schedule a week of posts in one calendar and publish them to every network at the right local time, exactly once, with analytics for each post. Built for small businesses and the agencies that serve them.",
  hero: {
    eyebrow: "For small businesses and the agencies behind them",
    title: "Every post,",
    titleAccent: "on time.",
    body: "Plan your posts in one calendar, publish them to Facebook, Instagram, LinkedIn, X and TikTok at the right local time, and see what worked — for your own business or for every client your agency runs.",
    note: "Free plan, no card needed.",
  },
  heroIllustration: {
    label: "Illustration: one post scheduled for Tuesday 9:00 AM London time on Instagram, LinkedIn and Facebook",
    title: "Spring sale launch",
    status: "Scheduled",
    text: "Our spring collection is here: 20% off everything this week. See you in store!",
    targets: [
      { network: "Instagram", account: "@northwind" },
      { network: "LinkedIn", account: "Northwind Bakery" },
      { network: "Facebook", account: "Northwind Bakery" },
    ],
    time: "Tue 9:00 AM",
    zone: "BST",
    footer: "3 networks · Europe/London",
    statLabel: "Engagement this week",
    statValue: "1,284",
    statChange: "+24%",
  },
  features: {
    eyebrow: "What you can do today",
    title: "Plan, publish and measure in one place",
    body: "Everything in this section works in the product today. What we are still building is listed further down, marked Coming soon.",
    moreTitle: "Also included",
  },
  agencies: {
    eyebrow: "For agencies",
    title: "See every client at once",
    body: "Run all your clients from one login. Each client is its own organization with its own accounts, posts and team — and your dashboard shows all of them.",
  },
  agencyIllustration: {
    label: "Illustration: an agency dashboard listing four clients with their set-up progress and latest activity",
    title: "All clients",
    count: "4 organizations",
    columns: { client: "Client", setUp: "Set-up", active: "Last active" },
    clients: [
      { name: "Harbor Coffee", industry: "Café", setUp: "5/5", active: "2 hours ago" },
      { name: "Northwind Dental", industry: "Clinic", setUp: "3/5", active: "Yesterday" },
      { name: "Alpine Outfitters", industry: "Retail", setUp: "5/5", active: "10 minutes ago" },
      { name: "Bloom Florists", industry: "Florist", setUp: "4/5", active: "3 days ago" },
    ],
  },
  comingSoon: {
    eyebrow: "On our roadmap",
    title: "Coming soon",
    body: "We are building these next. None of them is in the product yet, and no plan includes them today: we will say so here the day each one ships.",
  },
  plans: {
    title: "Start free. Grow into it.",
    body: "Every plan publishes, schedules and measures — higher plans raise the limits.",
  },
  cta: {
    title: "Get next week's posts ready today",
    body: "Set up your workspace, connect your social accounts and schedule your first post in minutes.",
  },
};

export const PRICING = {
  description:
    "Plans for small businesses and agencies: start free, with more team members, social accounts and client organizations on higher plans.",
  eyebrow: "Pricing",
  title: "Simple plans that grow with you",
  body: "Start free on one brand. Higher plans add team members, social accounts, AI hashtag suggestions and, for agencies, client organizations.",
  priceNote: "Prices in US dollars per month.",
  /** Shown next to the coming-soon payment feature, which names itself. */
  paymentNote: (freePlan: string, agencyPlan: string) => `Until then, every business starts on ${freePlan} and every agency on a ${agencyPlan} trial.`,
  everyPlan: { title: "In every plan", body: "What every plan includes today, whatever its limits." },
  compare: { title: "Compare plans", body: "Every limit and feature, side by side.", scrollHint: "Scroll the table sideways to see every plan." },
  comingSoonCell: "Planned",
  outgrowing: {
    title: "Outgrowing a plan?",
    body: "When you reach a limit, Marketing Genius tells you which plan lifts it — your data stays exactly where it is.",
  },
};
