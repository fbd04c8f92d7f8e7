"use client";

import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, PencilIcon, QrCodeIcon } from "lucide-react";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { PageHeader } from "@mg/ui/page-header";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { TimeSeriesChart } from "~/components/charts/time-series-chart";
import { CopyButton } from "~/components/copy-button";
import { QueryStates } from "~/components/query-states";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { LinkDialog } from "../link-dialog";
import { QrDialog } from "../qr-dialog";
import { formatPercent, type LinkDetail } from "../types";

const RANGES = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
] as const;
type Range = (typeof RANGES)[number]["value"];

const DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card className="gap-1 py-4">
      <CardHeader className="px-4">
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
      </CardHeader>
      {hint ? <CardContent className="px-4 text-xs text-muted-foreground">{hint}</CardContent> : null}
    </Card>
  );
}

export function LinkStatsView({ linkId }: { linkId: string }) {
  const trpc = useTRPC();
  const { slug, can } = useOrg();
  const [range, setRange] = useState<Range>("30");
  const query = useQuery(trpc.links.get.queryOptions({ linkId, days: Number(range) }));
  const [editing, setEditing] = useState(false);
  const [qr, setQr] = useState(false);
  const data: LinkDetail | undefined = query.data;
  const row = data ? { ...data.link, visits: data.stats.allTime.visits, uniqueVisitors: data.stats.allTime.uniqueVisitors, leads: data.stats.leads, conversionRate: data.stats.conversionRate } : null;

  return (
    <div className="grid gap-6">
      <Button variant="ghost" size="sm" asChild className="justify-self-start">
        <Link href={`/${slug}/links`}>
          <ArrowLeftIcon aria-hidden /> All links
        </Link>
      </Button>
      <QueryStates query={query} loadingLabel="Loading the link" rows={3} rowClassName="h-24" isEmpty={false} empty={null}>
        {data && row ? (
          <div className="grid gap-6">
            <PageHeader
              title={data.link.name}
              description={data.link.finalUrl}
              actions={
                <div className="flex flex-wrap gap-2">
                  <CopyButton value={data.link.shortUrl} label="Copy short URL" />
                  <Button variant="outline" onClick={() => setQr(true)}>
                    <QrCodeIcon aria-hidden /> QR code
                  </Button>
                  {can("links.edit") ? (
                    <Button variant="outline" onClick={() => setEditing(true)}>
                      <PencilIcon aria-hidden /> Edit
                    </Button>
                  ) : null}
                </div>
              }
            />
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono">{data.link.shortUrl}</span>
              {data.link.campaign ? <Badge variant="outline">{data.link.campaign.name}</Badge> : null}
              {data.link.archivedAt ? <Badge variant="secondary">Archived — the short link answers “not found”</Badge> : null}
            </div>
            <SegmentedControl label="Range" value={range} onValueChange={setRange} options={RANGES} />
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <Stat label="Visits" value={String(data.stats.visits)} hint={`Last ${data.stats.days} days · ${data.stats.allTime.visits} all time`} />
              <Stat label="Unique visitors" value={String(data.stats.uniqueVisitors)} hint="Once per browser and day, or per consented visitor" />
              <Stat label="Leads" value={String(data.stats.leads)} hint="Contacts whose first or last touch was this link" />
              <Stat label="Conversion" value={formatPercent(data.stats.conversionRate)} hint="Leads per unique visitor, all time" />
            </div>
            <Card>
              <CardHeader>
                <CardTitle>Visits per day</CardTitle>
                <CardDescription>
                  {data.stats.split.qr} QR scans and {data.stats.split.link} link clicks in the last {data.stats.days} days (UTC days; bots are not counted).
                </CardDescription>
              </CardHeader>
              <CardContent>
                <TimeSeriesChart
                  title="Visits per day"
                  data={data.stats.series.map((d) => ({ ...d }))}
                  xKey="day"
                  series={[
                    { key: "link", label: "Link clicks", kind: "bar" },
                    { key: "qr", label: "QR scans", kind: "bar" },
                  ]}
                  formatX={(day) => DAY.format(new Date(`${day}T00:00:00Z`))}
                />
              </CardContent>
            </Card>
            <LinkDialog link={row} open={editing} onOpenChange={setEditing} />
            <QrDialog link={row} open={qr} onOpenChange={setQr} />
          </div>
        ) : null}
      </QueryStates>
    </div>
  );
}
