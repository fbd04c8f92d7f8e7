import type { Metadata } from "next";
import Link from "next/link";
import { PLAN_LIST, formatPrice } from "@mg/api/plans";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import {
  ArrowRightIcon,
  BotIcon,
  CalendarClockIcon,
  CheckIcon,
  ContactIcon,
  HandshakeIcon,
  LayoutTemplateIcon,
  ListChecksIcon,
  PaletteIcon,
  SendIcon,
  type LucideIcon,
} from "lucide-react";

import { AGENCY_PLAN_ID, priceSuffix } from "~/components/pricing";
import { SiteShell } from "~/components/site-shell";
import { appLinks } from "~/lib/links";

export const metadata: Metadata = {
  title: { absolute: "Marketing Genius — All your marketing, one place" },
  description:
    "Publish to every social network at the right local time, capture leads with landing pages and forms, follow up from a built-in CRM and run email and SMS campaigns. Built for small businesses and the agencies that serve them.",
};

const features: { icon: LucideIcon; title: string; body: string }[] = [
  {
    icon: CalendarClockIcon,
    title: "Social publishing, on local time",
    body: "Plan posts for every network in one calendar. Schedule for 9 AM and it goes out at 9 AM where each audience lives — daylight-saving switches included.",
  },
  {
    icon: LayoutTemplateIcon,
    title: "Landing pages & lead forms",
    body: "Launch on-brand pages and forms in minutes. Every submission lands in your CRM with its source attached.",
  },
  {
    icon: ContactIcon,
    title: "A CRM that fills itself",
    body: "Contacts, companies and deals on one timeline, with every form fill, email and message in context.",
  },
  {
    icon: SendIcon,
    title: "Email & SMS campaigns",
    body: "Segment your contacts and send email and SMS campaigns that respect opt-outs and consent.",
  },
  {
    icon: HandshakeIcon,
    title: "B2B trade matching",
    body: "Find buyers, suppliers and partners that fit what you sell, and start the conversation right from your CRM.",
  },
  {
    icon: BotIcon,
    title: "AI help where you write",
    body: "Draft posts, emails and page copy in your brand voice — then edit and approve before anything goes out.",
  },
  {
    icon: ListChecksIcon,
    title: "Approvals & roles",
    body: "Route content to a manager or a client for sign-off. Roles and permissions keep everyone in their lane.",
  },
  {
    icon: PaletteIcon,
    title: "White-label for agencies",
    body: "Your logo, your colours, your domain. Clients see your brand, not ours.",
  },
];

const agencyPoints = [
  "Switch between client organizations without signing out",
  "One calendar across every client — spot gaps and clashes early",
  "Client approvals before anything is published",
  "Per-client roles, limits and audit logs",
  "The whole app under your own brand",
];

const timeZones = [
  { city: "New York", zone: "EDT" },
  { city: "London", zone: "BST" },
  { city: "Sydney", zone: "AEST" },
];

const clients = [
  { name: "Harbor Coffee", posts: 14, leads: 32, status: "On track" },
  { name: "Northwind Dental", posts: 9, leads: 18, status: "Needs approval" },
  { name: "Alpine Outfitters", posts: 21, leads: 47, status: "On track" },
  { name: "Bloom Florists", posts: 6, leads: 11, status: "Needs approval" },
] as const;

const agencyPlan = PLAN_LIST.find((plan) => plan.id === AGENCY_PLAN_ID);

export default function HomePage() {
  return (
    <SiteShell current="home">
      {/* Hero */}
      <section aria-labelledby="hero-title" className="relative overflow-hidden border-b">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-x-0 -top-40 -z-10 h-[32rem] bg-[radial-gradient(ellipse_at_top,var(--color-primary)_0%,transparent_65%)] opacity-[0.12]"
        />
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 md:py-24 lg:grid-cols-[1.1fr_1fr]">
          <div className="flex flex-col items-start gap-6">
            <Badge variant="outline" className="rounded-full px-3 py-1 text-muted-foreground">
              For small businesses and the agencies behind them
            </Badge>
            <h1 id="hero-title" className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl">
              All your marketing, <span className="text-primary">one place.</span>
            </h1>
            <p className="max-w-xl text-lg text-pretty text-muted-foreground">
              Publish to every social network at the right local time, capture leads with landing pages and forms,
              follow up from a built-in CRM, and run email and SMS campaigns — with AI help along the way.
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <Button asChild size="xl">
                <a href={appLinks.signUp}>
                  Start free
                  <ArrowRightIcon aria-hidden />
                </a>
              </Button>
              <Button asChild size="xl" variant="outline">
                <Link href="/pricing">See pricing</Link>
              </Button>
            </div>
            <p className="text-sm text-muted-foreground">Free plan available. Upgrade when you grow.</p>
          </div>

          <div
            role="img"
            aria-label="Illustration: one post scheduled for 9:00 AM local time in New York, London and Sydney"
            className="relative mx-auto w-full max-w-md"
          >
            <div className="rounded-2xl border bg-card p-5 shadow-xl">
              <div className="flex items-center justify-between gap-3">
                <div>
                  <p className="text-sm font-semibold">Spring sale launch</p>
                  <p className="text-xs text-muted-foreground">Instagram · LinkedIn · Facebook</p>
                </div>
                <Badge variant="success">Scheduled</Badge>
              </div>
              <div className="mt-4 rounded-lg bg-muted p-4 text-sm text-muted-foreground">
                Our spring collection is here: 20% off everything this week. See you in store!
              </div>
              <ul className="mt-4 grid gap-2">
                {timeZones.map((tz) => (
                  <li key={tz.city} className="flex items-center justify-between rounded-lg border px-3 py-2 text-sm">
                    <span className="flex items-center gap-2">
                      <CalendarClockIcon className="size-4 text-primary" />
                      {tz.city}
                    </span>
                    <span className="font-medium tabular-nums">
                      Tue 9:00 AM <span className="text-muted-foreground">{tz.zone}</span>
                    </span>
                  </li>
                ))}
              </ul>
              <p className="mt-4 flex justify-end border-t pt-4 text-xs text-muted-foreground">
                3 networks · 3 time zones
              </p>
            </div>
            <div className="absolute -bottom-6 -left-6 hidden rounded-xl border bg-card px-4 py-3 shadow-lg sm:block">
              <p className="text-xs text-muted-foreground">New leads this week</p>
              <p className="text-2xl font-semibold tabular-nums">
                128 <span className="text-sm font-medium text-success">+24%</span>
              </p>
            </div>
          </div>
        </div>
      </section>

      {/* Features */}
      <section id="features" aria-labelledby="features-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="mx-auto max-w-2xl text-center">
          <p className="text-sm font-semibold text-primary">Everything in one place</p>
          <h2 id="features-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
            Stop juggling five tools to run one business
          </h2>
          <p className="mt-4 text-lg text-pretty text-muted-foreground">
            Social, pages, contacts and campaigns share one set of data, so every post and every lead connects.
          </p>
        </div>
        <ul className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {features.map(({ icon: Icon, title, body }) => (
            <li key={title} className="flex flex-col gap-3 rounded-xl border bg-card p-6 shadow-xs">
              <span className="grid size-10 place-items-center rounded-lg bg-accent text-accent-foreground">
                <Icon aria-hidden className="size-5" />
              </span>
              <h3 className="font-semibold">{title}</h3>
              <p className="text-sm text-muted-foreground">{body}</p>
            </li>
          ))}
        </ul>
      </section>

      {/* Agencies */}
      <section id="agencies" aria-labelledby="agencies-title" className="border-y bg-muted/40">
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-20 sm:px-6 lg:grid-cols-2">
          <div className="flex flex-col gap-5">
            <p className="text-sm font-semibold text-primary">For agencies</p>
            <h2 id="agencies-title" className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
              See every client at once
            </h2>
            <p className="text-lg text-pretty text-muted-foreground">
              Run all your clients from one login. Each client is its own organization with its own data, team and
              brand — and you get the overview across all of them.
            </p>
            <ul className="flex flex-col gap-3">
              {agencyPoints.map((point) => (
                <li key={point} className="flex items-start gap-3">
                  <span className="mt-0.5 grid size-5 shrink-0 place-items-center rounded-full bg-primary text-primary-foreground">
                    <CheckIcon aria-hidden className="size-3.5" />
                  </span>
                  <span>{point}</span>
                </li>
              ))}
            </ul>
            {agencyPlan ? (
              <p className="text-sm text-muted-foreground">
                Client organizations and white-label are included from the{" "}
                <Link href="/pricing" className="font-medium text-primary underline-offset-4 hover:underline">
                  {agencyPlan.name} plan
                </Link>
                .
              </p>
            ) : null}
          </div>

          <div
            role="img"
            aria-label="Illustration: an agency overview listing four clients with their scheduled posts, new leads and approval status"
            className="overflow-hidden rounded-2xl border bg-card shadow-xl"
          >
            <div className="flex items-center justify-between border-b px-5 py-4">
              <p className="text-sm font-semibold">All clients · this week</p>
              <span className="rounded-md border px-2 py-0.5 text-xs text-muted-foreground">4 organizations</span>
            </div>
            <div className="grid grid-cols-[1fr_auto_auto] gap-x-6 px-5 py-2 text-xs font-medium text-muted-foreground">
              <span>Client</span>
              <span className="text-right">Posts</span>
              <span className="text-right">Leads</span>
            </div>
            <ul>
              {clients.map((client) => (
                <li
                  key={client.name}
                  className="grid grid-cols-[1fr_auto_auto] items-center gap-x-6 border-t px-5 py-3 text-sm"
                >
                  <span className="flex min-w-0 flex-col gap-1">
                    <span className="truncate font-medium">{client.name}</span>
                    <Badge variant={client.status === "On track" ? "secondary" : "warning"}>{client.status}</Badge>
                  </span>
                  <span className="text-right tabular-nums">{client.posts}</span>
                  <span className="text-right tabular-nums">{client.leads}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      {/* Plans teaser */}
      <section aria-labelledby="plans-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="flex flex-col items-start justify-between gap-4 sm:flex-row sm:items-end">
          <div>
            <h2 id="plans-title" className="text-3xl font-semibold tracking-tight sm:text-4xl">
              Start free. Grow into it.
            </h2>
            <p className="mt-3 text-lg text-muted-foreground">Every plan includes the whole platform — limits grow with you.</p>
          </div>
          <Button asChild variant="outline">
            <Link href="/pricing">
              Compare plans
              <ArrowRightIcon aria-hidden />
            </Link>
          </Button>
        </div>
        <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {PLAN_LIST.map((plan) => (
            <li key={plan.id} className="flex flex-col gap-1 rounded-xl border bg-card p-5">
              <h3 className="font-semibold">{plan.name}</h3>
              <p>
                <span className="text-2xl font-semibold tracking-tight">{formatPrice(plan)}</span>{" "}
                <span className="text-sm text-muted-foreground">{priceSuffix(plan)}</span>
              </p>
              <p className="text-sm text-muted-foreground">{plan.tagline}</p>
            </li>
          ))}
        </ul>
      </section>

      {/* CTA */}
      <section aria-labelledby="cta-title" className="px-4 pb-20 sm:px-6">
        <div className="mx-auto flex max-w-6xl flex-col items-center gap-6 rounded-3xl bg-primary px-6 py-16 text-center text-primary-foreground shadow-lg">
          <h2 id="cta-title" className="max-w-2xl text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
            Bring your marketing under one roof
          </h2>
          <p className="max-w-xl text-lg text-pretty opacity-90">
            Set up your brand, connect your social accounts and publish your first post today.
          </p>
          <div className="flex flex-wrap justify-center gap-3">
            <Button asChild size="xl" variant="secondary">
              <a href={appLinks.signUp}>Start free</a>
            </Button>
            <Button
              asChild
              size="xl"
              variant="ghost"
              className="text-primary-foreground hover:bg-primary-foreground/10 hover:text-primary-foreground focus-visible:ring-primary-foreground focus-visible:ring-offset-primary"
            >
              <a href={appLinks.signIn}>Sign in</a>
            </Button>
          </div>
        </div>
      </section>
    </SiteShell>
  );
}
