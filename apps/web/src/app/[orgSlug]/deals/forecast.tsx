"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { Skeleton } from "@mg/ui/skeleton";
import { TimeSeriesChart } from "~/components/charts/time-series-chart";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { formatMinor, formatMonth, minorDigits, minorToNumber, personName, type Forecast, type Person } from "./money";

function currenciesOf(forecast: Forecast): string[] {
  const all = [...forecast.weightedByMonth, ...forecast.weightedByOwner, ...forecast.wonByMonth, ...forecast.overdue, ...forecast.undated, ...forecast.later].map((r) => r.currency);
  return [...new Set(all)].sort();
}

/**
 * The forecast of one pipeline: weighted pipeline (Σ amount × stage probability) by expected
 * close month and by owner, and won per month. One currency at a time: amounts in different
 * currencies are never added up.
 */
export function ForecastPanel({ pipelineId, people }: { pipelineId: string; people: readonly Person[] }) {
  const trpc = useTRPC();
  const forecast = useQuery(trpc.deals.forecast.queryOptions({ pipelineId, months: 6 }));
  const [picked, setPicked] = useState<string | null>(null);

  if (forecast.isError)
    return (
      <Alert variant="destructive">
        <AlertDescription>{apiError(forecast.error).message}</AlertDescription>
      </Alert>
    );
  if (forecast.isPending)
    return (
      <div className="grid gap-4 lg:grid-cols-2" role="status" aria-label="Loading the forecast">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
    );
  const data = forecast.data;
  const currencies = currenciesOf(data);
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  if (!currency) return <EmptyState titleAs="h3" title="Nothing to forecast yet" description="Open deals with an amount and an expected close date show up here, weighted by their stage’s probability." />;

  const money = (v: number) => formatMinor(String(Math.round(v * 10 ** minorDigits(currency))), currency, { compact: v >= 100_000 });
  const mine = <T extends { currency: string }>(rows: readonly T[]) => rows.filter((r) => r.currency === currency);
  const byMonth = data.months.map((month) => {
    const row = mine(data.weightedByMonth).find((r) => r.month === month);
    return { month, weighted: row ? minorToNumber(row.weightedMinor, currency) : 0, total: row ? minorToNumber(row.totalMinor, currency) : 0 };
  });
  const won = data.wonMonths.map((month) => {
    const row = mine(data.wonByMonth).find((r) => r.month === month);
    return { month, won: row ? minorToNumber(row.totalMinor, currency) : 0 };
  });
  const owners = mine(data.weightedByOwner).map((r) => ({ owner: personName(people, r.ownerUserId), weighted: minorToNumber(r.weightedMinor, currency), total: minorToNumber(r.totalMinor, currency) }));
  const extra = [
    { label: "Expected before this month (overdue)", row: mine(data.overdue)[0] },
    { label: "Expected after the months shown", row: mine(data.later)[0] },
    { label: "No expected close date", row: mine(data.undated)[0] },
  ].filter((e) => e.row);

  return (
    <div className="grid gap-4" data-testid="deal-forecast">
      {currencies.length > 1 ? <SegmentedControl label="Forecast currency" value={currency} onValueChange={setPicked} options={currencies.map((c) => ({ value: c, label: c }))} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h3">Weighted pipeline by expected close</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            <TimeSeriesChart
              title={`Weighted pipeline by expected close month, ${currency}`}
              data={byMonth}
              xKey="month"
              formatX={formatMonth}
              formatValue={money}
              series={[
                { key: "weighted", label: "Weighted", kind: "bar" },
                { key: "total", label: "Unweighted", kind: "line" },
              ]}
            />
            {extra.length > 0 ? (
              <ul className="grid gap-1 text-xs text-muted-foreground">
                {extra.map(({ label, row }) =>
                  row ? (
                    <li key={label}>
                      {label}: <span className="font-medium text-foreground tabular-nums">{formatMinor(row.weightedMinor, currency)}</span> weighted of {formatMinor(row.totalMinor, currency)} ({row.count} {row.count === 1 ? "deal" : "deals"})
                    </li>
                  ) : null,
                )}
              </ul>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Won per month</CardTitle>
          </CardHeader>
          <CardContent>
            <TimeSeriesChart title={`Won per month, ${currency}`} data={won} xKey="month" formatX={formatMonth} formatValue={money} series={[{ key: "won", label: "Won", kind: "bar", color: "var(--chart-2)" }]} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle as="h3">Weighted pipeline by owner</CardTitle>
          </CardHeader>
          <CardContent>
            {owners.length === 0 ? (
              <p className="text-sm text-muted-foreground">No open deals in {currency}.</p>
            ) : (
              <TimeSeriesChart
                title={`Weighted pipeline by owner, ${currency}`}
                data={owners}
                xKey="owner"
                formatValue={money}
                series={[
                  { key: "weighted", label: "Weighted", kind: "bar" },
                  { key: "total", label: "Unweighted", kind: "bar", color: "var(--chart-4)" },
                ]}
              />
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
