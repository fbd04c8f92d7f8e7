"use client";

import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { cn } from "@mg/ui/lib/utils";

/**
 * A themed recharts time series (lines, areas or bars sharing one x axis), with the same numbers
 * available as a data table for screen readers and keyboard users ("Show data").
 *
 *   <TimeSeriesChart
 *     data={[{ day: "2026-03-01", followers: 120 }, …]}
 *     xKey="day"
 *     series={[{ key: "followers", label: "Followers", kind: "area" }]}
 *     formatX={(day) => …} formatValue={(v) => …}
 *     title="Followers per day"
 *   />
 */
export interface ChartSeries {
  key: string;
  label: string;
  kind?: "line" | "area" | "bar";
  /** CSS colour; defaults to the theme's chart palette in order. */
  color?: string;
  /** Put this series on a second (right) axis, e.g. a rate next to counts. */
  rightAxis?: boolean;
}

export type ChartDatum = Record<string, string | number | null>;

const PALETTE = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];

export function chartColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? "var(--chart-1)";
}

interface TooltipView {
  formatX: (x: string) => string;
  formatValue: (v: number) => string;
  formatRight: (v: number) => string;
  series: ChartSeries[];
}

function ChartTooltip({ active, payload, label, formatX, formatValue, formatRight, series }: Pick<TooltipContentProps, "active" | "payload" | "label"> & TooltipView) {
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-40 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{formatX(String(label))}</p>
      {payload.map((entry) => {
        const def = series.find((s) => s.key === entry.dataKey);
        const value = typeof entry.value === "number" ? entry.value : null;
        return (
          <div key={String(entry.dataKey)} className="flex items-center justify-between gap-4">
            <span className="inline-flex items-center gap-1.5 text-muted-foreground">
              <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: entry.color }} />
              {def?.label ?? entry.name}
            </span>
            <span className="font-medium tabular-nums">{value === null ? "—" : def?.rightAxis ? formatRight(value) : formatValue(value)}</span>
          </div>
        );
      })}
    </div>
  );
}

export function TimeSeriesChart({
  data,
  xKey,
  series,
  title,
  height = 260,
  formatX = (x) => x,
  formatValue = (v) => new Intl.NumberFormat("en").format(v),
  formatRight = (v) => new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 2 }).format(v),
  className,
}: {
  data: ChartDatum[];
  xKey: string;
  series: ChartSeries[];
  /** Names the chart for assistive technology and titles the data table. */
  title: string;
  height?: number;
  formatX?: (x: string) => string;
  formatValue?: (v: number) => string;
  formatRight?: (v: number) => string;
  className?: string;
}) {
  const hasRight = series.some((s) => s.rightAxis);
  const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
  return (
    <figure className={cn("grid gap-2", className)} data-testid="time-series-chart">
      <figcaption className="sr-only">{title}</figcaption>
      <div className="w-full text-xs">
        <ComposedChart responsive data={data} style={{ width: "100%", height }} margin={{ top: 8, right: hasRight ? 4 : 12, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey={xKey} tickFormatter={(x: string) => formatX(String(x))} tick={{ fill: "var(--muted-foreground)" }} stroke="var(--border)" tickLine={false} minTickGap={24} />
          <YAxis yAxisId="left" tickFormatter={(v: number) => compact.format(v)} tick={{ fill: "var(--muted-foreground)" }} stroke="var(--border)" tickLine={false} axisLine={false} width={44} allowDecimals={false} />
          {hasRight ? <YAxis yAxisId="right" orientation="right" tickFormatter={(v: number) => formatRight(v)} tick={{ fill: "var(--muted-foreground)" }} stroke="var(--border)" tickLine={false} axisLine={false} width={52} /> : null}
          <Tooltip cursor={{ stroke: "var(--border)", fill: "color-mix(in oklab, var(--muted) 60%, transparent)" }} content={(props) => <ChartTooltip active={props.active} payload={props.payload} label={props.label} formatX={formatX} formatValue={formatValue} formatRight={formatRight} series={series} />} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12, color: "var(--muted-foreground)" }} iconType="circle" iconSize={8} /> : null}
          {series.map((s, i) => {
            const color = s.color ?? chartColor(i);
            const axis = s.rightAxis ? "right" : "left";
            if (s.kind === "bar") return <Bar key={s.key} yAxisId={axis} dataKey={s.key} name={s.label} fill={color} radius={[3, 3, 0, 0]} maxBarSize={28} />;
            if (s.kind === "area")
              return <Area key={s.key} yAxisId={axis} type="monotone" dataKey={s.key} name={s.label} stroke={color} fill={color} fillOpacity={0.15} strokeWidth={2} connectNulls dot={false} />;
            return <Line key={s.key} yAxisId={axis} type="monotone" dataKey={s.key} name={s.label} stroke={color} strokeWidth={2} dot={false} connectNulls />;
          })}
        </ComposedChart>
      </div>
      <details className="text-xs text-muted-foreground">
        <summary className="w-fit cursor-pointer rounded outline-none select-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring">Show data</summary>
        <div className="mt-2 max-h-64 overflow-auto rounded-md border">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-muted">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  Period
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-2 py-1 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((row, i) => (
                <tr key={`${String(row[xKey])}-${i}`} className="border-t">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {formatX(String(row[xKey]))}
                  </th>
                  {series.map((s) => {
                    const v = row[s.key];
                    return (
                      <td key={s.key} className="px-2 py-1 text-right text-foreground">
                        {typeof v === "number" ? (s.rightAxis ? formatRight(v) : formatValue(v)) : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
