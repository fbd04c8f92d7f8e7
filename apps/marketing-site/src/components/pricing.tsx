import { cheapestPlanWithFeature, formatPrice, PLAN_LIST, type PlanDefinition } from "@mg/api/plans";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { cn } from "@mg/ui/lib/utils";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { CheckIcon, MinusIcon } from "lucide-react";

import { PRICING } from "~/content/copy";
import { comparison, planCards, paymentComingSoon, type FeatureRow } from "~/lib/catalog-view";
import { appLinks } from "~/lib/links";
import { ComingSoonBadge } from "./coming-soon-badge";

/** The plan we point agencies at: the cheapest one with client organizations. */
export const AGENCY_PLAN_ID = cheapestPlanWithFeature("agencyClients");

const numberFormat = new Intl.NumberFormat("en-US");

export function priceSuffix(plan: PlanDefinition): string {
  return plan.monthlyPriceCents === null ? "pricing" : "per month";
}

/**
 * What signing up gets today: every business starts on the free plan and every agency on a trial
 * of the agency plan. While paying online is coming soon, no button may say "start with Starter".
 */
function cta(plan: PlanDefinition): { label: string; context: string } {
  const free = PLAN_LIST[0]?.name ?? "Free";
  if (plan.monthlyPriceCents === 0) return { label: "Start free", context: ` on the ${plan.name} plan` };
  if (plan.id === AGENCY_PLAN_ID) return { label: `Start a ${plan.name} trial`, context: " as an agency" };
  if (paymentComingSoon()) return { label: `Start on ${free}`, context: ` (the ${plan.name} plan comes with online payment)` };
  return { label: `Start with ${plan.name}`, context: " plan" };
}

export function PlanCards({ headingLevel = "h2" }: { headingLevel?: "h2" | "h3" }) {
  return (
    <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
      {planCards().map(({ plan, bullets, comingSoon }) => {
        const featured = plan.id === AGENCY_PLAN_ID;
        const action = cta(plan);
        return (
          <li key={plan.id} className="flex" data-testid="plan-card" data-plan={plan.id}>
            <Card className={cn("relative w-full gap-5", featured && "border-primary shadow-md ring-1 ring-primary")}>
              {featured ? (
                <Badge className="absolute -top-3 left-1/2 -translate-x-1/2 rounded-full px-3 py-1 shadow-sm">Best for agencies</Badge>
              ) : null}
              <CardHeader className="gap-2">
                <CardTitle as={headingLevel} className="text-lg">
                  {plan.name}
                </CardTitle>
                <CardDescription className="min-h-10">{plan.tagline}</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-1 flex-col gap-5">
                <p className="flex items-baseline gap-1.5">
                  <span className="text-4xl font-semibold tracking-tight">{formatPrice(plan)}</span>
                  <span className="text-sm text-muted-foreground">{priceSuffix(plan)}</span>
                </p>
                <ul className="flex flex-col gap-2.5 text-sm" data-testid="plan-bullets" aria-label={`Included in ${plan.name}`}>
                  {bullets.map((bullet) => (
                    <li key={bullet.id} className="flex items-start gap-2" data-feature={bullet.feature.key} data-feature-status="available">
                      <CheckIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                      <span>{bullet.text}</span>
                    </li>
                  ))}
                </ul>
                {comingSoon.length > 0 ? (
                  <ul className="flex flex-col gap-2 border-t pt-4 text-sm text-muted-foreground" data-testid="plan-coming-soon" aria-label={`Coming soon to ${plan.name}`}>
                    {comingSoon.map((feature) => (
                      <li key={feature.key} className="flex flex-col items-start gap-1" data-feature={feature.key} data-feature-status="coming-soon">
                        <span>{feature.name}</span>
                        <ComingSoonBadge />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </CardContent>
              <CardFooter>
                <Button asChild className="w-full" variant={featured ? "default" : "outline"}>
                  <a href={appLinks.signUp}>
                    {action.label}
                    <span className="sr-only">{action.context}</span>
                  </a>
                </Button>
              </CardFooter>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}

/** The note under the plan cards: prices, and how to start while paying online is coming soon. */
export function PriceNote() {
  const payment = paymentComingSoon();
  const free = PLAN_LIST[0]?.name ?? "Free";
  const agency = PLAN_LIST.find((plan) => plan.id === AGENCY_PLAN_ID)?.name;
  return (
    <div className="mt-6 flex flex-col items-center gap-2 text-center text-sm text-muted-foreground">
      <p>{PRICING.priceNote}</p>
      {payment ? (
        <p className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1" data-feature={payment.key} data-feature-status="coming-soon">
          <span className="font-medium text-foreground">{payment.name}</span>
          <ComingSoonBadge />
          {agency ? <span>{PRICING.paymentNote(free, agency)}</span> : null}
        </p>
      ) : null}
    </div>
  );
}

function Included({ value }: { value: boolean }) {
  return value ? (
    <>
      <CheckIcon aria-hidden className="mx-auto size-4 text-primary" />
      <span className="sr-only">Included</span>
    </>
  ) : (
    <>
      <MinusIcon aria-hidden className="mx-auto size-4 text-muted-foreground/60" />
      <span className="sr-only">Not included</span>
    </>
  );
}

function Planned({ value }: { value: boolean }) {
  return value ? <span className="text-xs font-medium text-muted-foreground">{PRICING.comingSoonCell}</span> : <Included value={false} />;
}

function LimitValue({ value }: { value: number | null }) {
  if (value === null) return <span className="font-medium">Unlimited</span>;
  if (value === 0) return <Included value={false} />;
  return <>{numberFormat.format(value)}</>;
}

const stickyCol = "sticky left-0 z-10 bg-background";
const rowHeader = cn(stickyCol, "px-4 py-3 font-normal whitespace-normal");

function SectionRow({ children }: { children: string }) {
  return (
    <TableRow className="border-t bg-muted/60 hover:bg-muted/60">
      <TableHead scope="rowgroup" colSpan={PLAN_LIST.length + 1} className="h-9 px-4 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
        {children}
      </TableHead>
    </TableRow>
  );
}

function RowName({ name, comingSoon }: { name: string; comingSoon: boolean }) {
  return comingSoon ? (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span>{name}</span>
      <ComingSoonBadge />
    </span>
  ) : (
    <>{name}</>
  );
}

function FeatureRows({ rows, comingSoon }: { rows: FeatureRow[]; comingSoon: boolean }) {
  return rows.map(({ feature, included }) => (
    <TableRow key={feature.key} data-feature={feature.key} data-feature-status={feature.status}>
      <TableHead scope="row" className={rowHeader}>
        <RowName name={feature.name} comingSoon={comingSoon} />
      </TableHead>
      {PLAN_LIST.map((plan, i) => (
        <TableCell key={plan.id} className="px-4 py-3 text-center">
          {comingSoon ? <Planned value={included[i] ?? false} /> : <Included value={included[i] ?? false} />}
        </TableCell>
      ))}
    </TableRow>
  ));
}

export function ComparisonTable({ labelledBy }: { labelledBy?: string }) {
  const view = comparison();
  return (
    <Table
      className="min-w-[44rem] table-fixed"
      containerClassName="rounded-xl border"
      // Scrolls sideways on small screens: let keyboard users reach it.
      containerProps={{ tabIndex: 0, role: "region", "aria-labelledby": labelledBy }}
    >
      <TableCaption className="sr-only">Limits and features of each plan</TableCaption>
      <colgroup>
        <col className="w-[32%]" />
        {PLAN_LIST.map((plan) => (
          <col key={plan.id} />
        ))}
      </colgroup>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className={cn(stickyCol, "h-auto px-4 py-4 align-bottom")}>
            <span className="sr-only">Plan</span>
          </TableHead>
          {PLAN_LIST.map((plan) => (
            <TableHead key={plan.id} scope="col" className="h-auto px-4 py-4 text-center align-bottom">
              <span className="block text-base font-semibold">{plan.name}</span>
              <span className="block text-sm font-normal text-muted-foreground">
                {formatPrice(plan)}
                {plan.monthlyPriceCents === null ? "" : " / month"}
              </span>
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        <SectionRow>Limits</SectionRow>
        {view.limits.map((row) => (
          <TableRow key={row.quota} data-quota={row.quota} data-feature-status={row.comingSoon ? "coming-soon" : "available"}>
            <TableHead scope="row" className={rowHeader}>
              <RowName name={row.label} comingSoon={row.comingSoon} />
            </TableHead>
            {row.values.map((value, i) => (
              <TableCell key={PLAN_LIST[i]?.id ?? i} className={cn("px-4 py-3 text-center tabular-nums", row.comingSoon && "text-muted-foreground")}>
                <LimitValue value={value} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
      <TableBody>
        <SectionRow>Features</SectionRow>
        <FeatureRows rows={view.features} comingSoon={false} />
      </TableBody>
      {view.comingSoon.length > 0 ? (
        <TableBody>
          <SectionRow>Coming soon</SectionRow>
          <FeatureRows rows={view.comingSoon} comingSoon />
        </TableBody>
      ) : null}
    </Table>
  );
}
