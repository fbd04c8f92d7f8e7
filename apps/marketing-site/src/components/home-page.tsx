import Link from "next/link";
import { catalogFeature } from "@mg/api/catalog";
import { PLAN_LIST, formatPrice } from "@mg/api/plans";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { ArrowRightIcon, CalendarClockIcon, CheckIcon } from "lucide-react";

import { ComingSoonBadge } from "~/components/coming-soon-badge";
import { FeatureIcon } from "~/components/feature-icon";
import { AGENCY_PLAN_ID, priceSuffix } from "~/components/pricing";
import { SiteShell } from "~/components/site-shell";
import { HOME } from "~/content/copy";
import { homeFeatures, planNote } from "~/lib/catalog-view";
import { appLinks } from "~/lib/links";

const agencyPlan = PLAN_LIST.find((plan) => plan.id === AGENCY_PLAN_ID);

export function HomePage() {
  const { highlights, included, agencies, comingSoon } = homeFeatures();
  const { hero, heroIllustration: post, agencyIllustration: overview } = HOME;
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
              {hero.eyebrow}
            </Badge>
            <h1 id="hero-title" className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl">
              {hero.title} <span className="text-primary">{hero.titleAccent}</span>
            </h1>
            <p className="max-w-xl text-lg text-pretty text-muted-foreground">{hero.body}</p>
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
            <p className="text-sm text-muted-foreground">{hero.note}</p>
          </div>

          <div role="img" aria-label={post.label} className="relative mx-auto w-full max-w-md">
            <div className="rounded-2xl border bg-card p-5 shadow-xl">
              <div className="flex items-center justify-between gap-3">
                <div>
                  <p className="text-sm font-semibold">{post.title}</p>
                  <p className="text-xs text-muted-foreground">{post.targets.map((t) => t.network).join(" · ")}</p>
                </div>
                <Badge variant="success">{post.status}</Badge>
              </div>
              <div className="mt-4 rounded-lg bg-muted p-4 text-sm text-muted-foreground">{post.text}</div>
              <ul className="mt-4 grid gap-2">
                {post.targets.map((target) => (
                  <li key={target.network} className="flex items-center justify-between gap-3 rounded-lg border px-3 py-2 text-sm">
                    <span className="flex min-w-0 items-center gap-2">
                      <CalendarClockIcon aria-hidden className="size-4 shrink-0 text-primary" />
                      <span className="truncate">
                        {target.network} <span className="hidden text-muted-foreground sm:inline">{target.account}</span>
                      </span>
                    </span>
                    <span className="shrink-0 font-medium tabular-nums">
                      {post.time} <span className="text-muted-foreground">{post.zone}</span>
                    </span>
                  </li>
                ))}
              </ul>
              <p className="mt-4 flex justify-end border-t pt-4 text-right text-xs text-muted-foreground">{post.footer}</p>
            </div>
            <div className="absolute -bottom-6 -left-6 hidden rounded-xl border bg-card px-4 py-3 shadow-lg sm:block">
              <p className="text-xs text-muted-foreground">{post.statLabel}</p>
              <p className="text-2xl font-semibold tabular-nums">
                {post.statValue} <span className="text-sm font-medium text-success">{post.statChange}</span>
              </p>
            </div>
          </div>
        </div>
      </section>

      {/* Features: available today, from the catalog */}
      <section id="features" aria-labelledby="features-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6" data-testid="available-features">
        <div className="mx-auto max-w-2xl text-center">
          <p className="text-sm font-semibold text-primary">{HOME.features.eyebrow}</p>
          <h2 id="features-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
            {HOME.features.title}
          </h2>
          <p className="mt-4 text-lg text-pretty text-muted-foreground">{HOME.features.body}</p>
        </div>
        <ul className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {highlights.map((feature) => (
            <li key={feature.key} className="flex flex-col gap-3 rounded-xl border bg-card p-6 shadow-xs" data-feature={feature.key} data-feature-status="available">
              <span className="grid size-10 place-items-center rounded-lg bg-accent text-accent-foreground">
                <FeatureIcon feature={feature} className="size-5" />
              </span>
              <h3 className="font-semibold">{feature.name}</h3>
              <p className="text-sm text-muted-foreground">{feature.description}</p>
            </li>
          ))}
        </ul>

        <div className="mt-16 rounded-2xl border bg-muted/40 p-6 sm:p-8">
          <h3 className="text-lg font-semibold">{HOME.features.moreTitle}</h3>
          <div className="mt-6 gap-12 sm:columns-2">
            {included.map((group) => (
              <div key={group.area} className="mb-8 break-inside-avoid last:mb-0">
                <h4 className="text-sm font-semibold text-muted-foreground">{group.label}</h4>
                <ul className="mt-3 flex flex-col gap-3 text-sm">
                  {group.features.map((feature) => {
                    const note = planNote(feature);
                    return (
                      <li key={feature.key} className="flex items-start gap-2" data-feature={feature.key} data-feature-status="available">
                        <CheckIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                        <span>
                          <span className="font-medium">{feature.name}</span>
                          {note ? <span className="text-muted-foreground"> · {note}</span> : null}
                          <span className="mt-0.5 block text-muted-foreground">{feature.description}</span>
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
        </div>
      </section>

      {/* Agencies */}
      <section id="agencies" aria-labelledby="agencies-title" className="border-y bg-muted/40">
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-20 sm:px-6 lg:grid-cols-2">
          <div className="flex flex-col gap-5">
            <p className="text-sm font-semibold text-primary">{HOME.agencies.eyebrow}</p>
            <h2 id="agencies-title" className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
              {HOME.agencies.title}
            </h2>
            <p className="text-lg text-pretty text-muted-foreground">{HOME.agencies.body}</p>
            <ul className="flex flex-col gap-3" data-testid="agency-features">
              {agencies.available.map((feature) => (
                <li key={feature.key} className="flex items-start gap-3" data-feature={feature.key} data-feature-status="available">
                  <span className="mt-0.5 grid size-5 shrink-0 place-items-center rounded-full bg-primary text-primary-foreground">
                    <CheckIcon aria-hidden className="size-3.5" />
                  </span>
                  <span>
                    <span className="font-medium">{feature.name}</span>
                    <span className="block text-sm text-muted-foreground">{feature.description}</span>
                  </span>
                </li>
              ))}
              {agencies.comingSoon.map((feature) => (
                <li key={feature.key} className="flex items-start gap-3 text-muted-foreground" data-feature={feature.key} data-feature-status="coming-soon">
                  <span className="mt-0.5 grid size-5 shrink-0 place-items-center rounded-full border border-dashed border-muted-foreground/60">
                    <FeatureIcon feature={feature} className="size-3" />
                  </span>
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="font-medium">{feature.name}</span>
                    <ComingSoonBadge />
                  </span>
                </li>
              ))}
            </ul>
            {agencyPlan ? (
              <p className="text-sm text-muted-foreground">
                {catalogFeature("client-organizations").name} are included from the{" "}
                <Link href="/pricing" className="font-medium text-primary underline-offset-4 hover:underline">
                  {agencyPlan.name} plan
                </Link>
                .
              </p>
            ) : null}
          </div>

          <div role="img" aria-label={overview.label} className="overflow-hidden rounded-2xl border bg-card shadow-xl">
            <div className="flex items-center justify-between border-b px-5 py-4">
              <p className="text-sm font-semibold">{overview.title}</p>
              <span className="rounded-md border px-2 py-0.5 text-xs text-muted-foreground">{overview.count}</span>
            </div>
            <div className="grid grid-cols-[1fr_auto_auto] gap-x-6 px-5 py-2 text-xs font-medium text-muted-foreground">
              <span>{overview.columns.client}</span>
              <span className="text-right">{overview.columns.setUp}</span>
              <span className="text-right">{overview.columns.active}</span>
            </div>
            <ul>
              {overview.clients.map((client) => (
                <li key={client.name} className="grid grid-cols-[1fr_auto_auto] items-center gap-x-6 border-t px-5 py-3 text-sm">
                  <span className="flex min-w-0 flex-col">
                    <span className="truncate font-medium">{client.name}</span>
                    <span className="truncate text-xs text-muted-foreground">{client.industry}</span>
                  </span>
                  <span className="text-right tabular-nums">{client.setUp}</span>
                  <span className="text-right text-muted-foreground">{client.active}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      {/* Coming soon: every catalog feature that does not exist yet, labelled */}
      <section id="coming-soon" aria-labelledby="coming-soon-title" className="mx-auto max-w-6xl px-4 pt-20 sm:px-6" data-testid="coming-soon-features">
        <div className="mx-auto max-w-2xl text-center">
          <p className="text-sm font-semibold text-primary">{HOME.comingSoon.eyebrow}</p>
          <h2 id="coming-soon-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
            {HOME.comingSoon.title}
          </h2>
          <p className="mt-4 text-lg text-pretty text-muted-foreground">{HOME.comingSoon.body}</p>
        </div>
        <div className="mt-12 grid gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
          {comingSoon.map((group) => (
            <div key={group.area}>
              <h3 className="text-sm font-semibold text-muted-foreground">{group.label}</h3>
              <ul className="mt-3 flex flex-col gap-3">
                {group.features.map((feature) => (
                  <li
                    key={feature.key}
                    className="flex flex-col gap-2 rounded-xl border border-dashed bg-card/60 p-4"
                    data-feature={feature.key}
                    data-feature-status="coming-soon"
                  >
                    <span className="flex flex-wrap items-center justify-between gap-2">
                      <span className="flex items-center gap-2 font-medium">
                        <FeatureIcon feature={feature} className="size-4 text-muted-foreground" />
                        {feature.name}
                      </span>
                      <ComingSoonBadge />
                    </span>
                    <span className="text-sm text-muted-foreground">{feature.description}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      {/* Plans teaser */}
      <section aria-labelledby="plans-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="flex flex-col items-start justify-between gap-4 sm:flex-row sm:items-end">
          <div>
            <h2 id="plans-title" className="text-3xl font-semibold tracking-tight sm:text-4xl">
              {HOME.plans.title}
            </h2>
            <p className="mt-3 text-lg text-muted-foreground">{HOME.plans.body}</p>
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
            {HOME.cta.title}
          </h2>
          <p className="max-w-xl text-lg text-pretty opacity-90">{HOME.cta.body}</p>
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
