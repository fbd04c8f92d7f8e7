import {
  FEATURE_KEYS,
  FEATURE_LABELS,
  PLAN_LIST,
  QUOTA_KEYS,
  QUOTA_LABELS,
  cheapestPlanWithFeature,
  formatPrice,
  type PlanDefinition,
} from "@mg/api/plans";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { cn } from "@mg/ui/lib/utils";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { CheckIcon, MinusIcon } from "lucide-react";

import { appLinks } from "~/lib/links";

/** The plan we point agencies at: the cheapest one with client organizations. */
export const AGENCY_PLAN_ID = cheapestPlanWithFeature("agencyClients");

const numberFormat = new Intl.NumberFormat("en-US");

export function priceSuffix(plan: PlanDefinition): string {
  return plan.monthlyPriceCents === null ? "pricing" : "per month";
}

function ctaLabel(plan: PlanDefinition): string {
  if (plan.monthlyPriceCents === 0) return "Start free";
  if (plan.monthlyPriceCents === null) return `Get ${plan.name}`;
  return `Start with ${plan.name}`;
}

export function PlanCards({ headingLevel = "h2" }: { headingLevel?: "h2" | "h3" }) {
  return (
    <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
      {PLAN_LIST.map((plan) => {
        const featured = plan.id === AGENCY_PLAN_ID;
        return (
          <li key={plan.id} className="flex">
            <Card
              className={cn(
                "relative w-full gap-5",
                featured && "border-primary shadow-md ring-1 ring-primary",
              )}
            >
              {featured ? (
                <Badge className="absolute -top-3 left-1/2 -translate-x-1/2 rounded-full px-3 py-1 shadow-sm">
                  Best for agencies
                </Badge>
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
                <ul className="flex flex-col gap-2.5 text-sm">
                  {plan.highlights.map((highlight) => (
                    <li key={highlight} className="flex items-start gap-2">
                      <CheckIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                      <span>{highlight}</span>
                    </li>
                  ))}
                </ul>
              </CardContent>
              <CardFooter>
                <Button asChild className="w-full" variant={featured ? "default" : "outline"}>
                  <a href={appLinks.signUp}>
                    {ctaLabel(plan)}
                    <span className="sr-only"> plan</span>
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
      <TableHead
        scope="rowgroup"
        colSpan={PLAN_LIST.length + 1}
        className="h-9 px-4 text-xs font-semibold tracking-wide text-muted-foreground uppercase"
      >
        {children}
      </TableHead>
    </TableRow>
  );
}

export function ComparisonTable({ labelledBy }: { labelledBy?: string }) {
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
        {QUOTA_KEYS.map((key) => (
          <TableRow key={key}>
            <TableHead scope="row" className={rowHeader}>
              {QUOTA_LABELS[key]}
            </TableHead>
            {PLAN_LIST.map((plan) => (
              <TableCell key={plan.id} className="px-4 py-3 text-center tabular-nums">
                <LimitValue value={plan.limits[key]} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
      <TableBody>
        <SectionRow>Features</SectionRow>
        {FEATURE_KEYS.map((key) => (
          <TableRow key={key}>
            <TableHead scope="row" className={rowHeader}>
              {FEATURE_LABELS[key]}
            </TableHead>
            {PLAN_LIST.map((plan) => (
              <TableCell key={plan.id} className="px-4 py-3 text-center">
                <Included value={plan.features[key]} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
