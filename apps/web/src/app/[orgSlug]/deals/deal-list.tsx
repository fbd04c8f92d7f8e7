"use client";

import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { QueryStates } from "~/components/query-states";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { formatCloseDate, formatMinor, personName, type Person } from "./money";

type Sort = "name" | "amount" | "expectedCloseOn" | "createdAt" | "updatedAt";
type Status = "open" | "won" | "lost" | "all";
const PAGE = 50;

const STATUS_LABEL: Record<Status, string> = { open: "Open", won: "Won", lost: "Lost", all: "All deals" };

/** Every deal of the pipeline as a table: sort by a column, filter by status and owner, search by name. */
export function DealList({ pipelineId, people }: { pipelineId: string; people: readonly Person[] }) {
  const trpc = useTRPC();
  const { slug } = useOrg();
  const [sort, setSort] = useState<Sort>("updatedAt");
  const [direction, setDirection] = useState<"asc" | "desc">("desc");
  const [status, setStatus] = useState<Status>("open");
  const [owner, setOwner] = useState<string>("all");
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...trpc.deals.list.queryOptions({ pipelineId, status, sort, direction, search: search.trim() || undefined, ownerUserId: owner === "all" ? undefined : owner, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });

  function sortBy(column: Sort) {
    setOffset(0);
    if (column === sort) setDirection(direction === "asc" ? "desc" : "asc");
    else {
      setSort(column);
      setDirection(column === "name" || column === "expectedCloseOn" ? "asc" : "desc");
    }
  }

  const header = (column: Sort, label: string, className?: string) => (
    <TableHead className={className} aria-sort={sort === column ? (direction === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" onClick={() => sortBy(column)} className="inline-flex items-center gap-1 rounded font-medium outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50">
        {label}
        {sort === column ? direction === "asc" ? <ArrowUpIcon aria-hidden className="size-3.5" /> : <ArrowDownIcon aria-hidden className="size-3.5" /> : null}
      </button>
    </TableHead>
  );

  const deals = list.data?.deals ?? [];
  const total = list.data?.total ?? 0;
  return (
    <div className="grid gap-4" data-testid="deal-list">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="deal-search">Search</Label>
          <Input id="deal-search" type="search" value={search} onChange={(e) => (setSearch(e.target.value), setOffset(0))} placeholder="Deal name" className="w-56" />
        </div>
        <div className="grid gap-1.5">
          <Label id="deal-status-label">Status</Label>
          <Select value={status} onValueChange={(v) => (setStatus(v as Status), setOffset(0))}>
            <SelectTrigger aria-labelledby="deal-status-label" className="w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {(Object.keys(STATUS_LABEL) as Status[]).map((s) => (
                <SelectItem key={s} value={s}>
                  {STATUS_LABEL[s]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label id="deal-owner-label">Owner</Label>
          <Select value={owner} onValueChange={(v) => (setOwner(v), setOffset(0))}>
            <SelectTrigger aria-labelledby="deal-owner-label" className="w-48">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">Everyone</SelectItem>
              {people.map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {p.name ?? p.email}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>
      <QueryStates
        query={list}
        loadingLabel="Loading deals"
        rows={5}
        isEmpty={deals.length === 0}
        empty={<EmptyState titleAs="h3" title="No deals match" description={search || owner !== "all" || status !== "all" ? "Try another status, owner or search." : "Create a deal to see it here."} />}
      >
        <Table>
          <TableHeader>
            <TableRow>
              {header("name", "Deal")}
              <TableHead>Stage</TableHead>
              {header("amount", "Amount", "text-right")}
              {header("expectedCloseOn", "Expected close")}
              <TableHead>Owner</TableHead>
              <TableHead>Company</TableHead>
              {header("updatedAt", "Updated")}
            </TableRow>
          </TableHeader>
          <TableBody>
            {deals.map((deal) => (
              <TableRow key={deal.id}>
                <TableCell className="font-medium">
                  <Link href={`/${slug}/deals/${deal.id}`} className="hover:text-primary hover:underline">
                    {deal.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <Badge variant={deal.stage.kind === "WON" ? "success" : deal.stage.kind === "LOST" ? "outline" : "secondary"}>{deal.stage.name}</Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatMinor(deal.amountMinor, deal.currency)}</TableCell>
                <TableCell>{formatCloseDate(deal.expectedCloseOn)}</TableCell>
                <TableCell>{personName(people, deal.ownerUserId)}</TableCell>
                <TableCell>{deal.company?.name ?? "—"}</TableCell>
                <TableCell>{new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(deal.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <div className="flex items-center justify-between text-sm text-muted-foreground">
          <span aria-live="polite">
            {offset + 1}–{offset + deals.length} of {total}
          </span>
          <div className="flex gap-2">
            <Button variant="outline" size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </Button>
            <Button variant="outline" size="sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              Next
            </Button>
          </div>
        </div>
      </QueryStates>
    </div>
  );
}
