"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, FilterIcon, PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Switch } from "@mg/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { QueryStates } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { ContactsNav } from "./contacts-nav";
import { COUNT_FORMAT, type Filter, type SegmentRow } from "./segment-ui";

/** A segment's member count, asked per row (each is a query over all contacts, so not part of the list). */
function MemberCount({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const count = useQuery(trpc.segments.count.queryOptions({ filter }));
  if (count.isPending) return <span className="text-muted-foreground">…</span>;
  if (count.isError) return <span className="text-muted-foreground">—</span>;
  return <>{COUNT_FORMAT.format(count.data.count)}</>;
}

function conditionCount(filter: Filter): number {
  return filter.conditions.reduce((n, item) => n + (item.kind === "group" ? item.conditions.length : 1), 0);
}

export function SegmentsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const canEdit = can("contacts.update");
  const [includeArchived, setIncludeArchived] = useState(false);
  const segments = useQuery(trpc.segments.list.queryOptions({ includeArchived }));
  const archive = useMutation(trpc.segments.archive.mutationOptions());

  async function setArchived(segment: SegmentRow, archived: boolean, offerUndo = true) {
    try {
      await archive.mutateAsync({ segmentId: segment.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
      toast.success(archived ? `Archived “${segment.name}”.` : `Restored “${segment.name}”.`, {
        action: archived && offerUndo ? { label: "Undo", onClick: () => void setArchived(segment, false, false) } : undefined,
      });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const rows = segments.data ?? [];
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<ContactsNav current="segments" />}
        title="Segments"
        description="Contacts chosen by conditions — fields, tags, lifecycle, consent, deals, activity — and kept up to date by themselves."
        actions={
          canEdit ? (
            <Button asChild data-testid="new-segment">
              <Link href={`/${slug}/contacts/segments/new`}>
                <PlusIcon aria-hidden /> New segment
              </Link>
            </Button>
          ) : null
        }
      />
      <div className="flex items-center gap-3">
        <Switch id="show-archived-segments" checked={includeArchived} onCheckedChange={setIncludeArchived} />
        <Label htmlFor="show-archived-segments">Show archived segments</Label>
      </div>
      <QueryStates
        query={segments}
        loadingLabel="Loading segments"
        isEmpty={rows.length === 0}
        empty={
          <EmptyState
            icon={<FilterIcon />}
            title="No segments yet"
            description="A segment is a saved set of conditions, such as “leads in Europe who opened an email this month”. Its members update by themselves."
            action={
              canEdit ? (
                <Button asChild>
                  <Link href={`/${slug}/contacts/segments/new`}>
                    <PlusIcon aria-hidden /> New segment
                  </Link>
                </Button>
              ) : null
            }
          />
        }
      >
        <Table>
          <caption className="sr-only">Segments</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead className="text-right">Members</TableHead>
              <TableHead className="text-right">Conditions</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((segment) => {
              const filter = segment.filter as Filter;
              return (
                <TableRow key={segment.id} data-testid="segment-row">
                  <TableCell className="font-medium">
                    <Link href={`/${slug}/contacts/segments/${segment.id}`} className="underline-offset-4 hover:underline">
                      {segment.name}
                    </Link>{" "}
                    {segment.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{segment.archivedAt ? "—" : <MemberCount filter={filter} />}</TableCell>
                  <TableCell className="text-right tabular-nums">{conditionCount(filter)}</TableCell>
                  <TableCell>{new Date(segment.updatedAt).toLocaleDateString(undefined, { dateStyle: "medium" })}</TableCell>
                  <TableCell className="text-right">
                    {canEdit ? (
                      <Button type="button" variant="ghost" size="sm" onClick={() => void setArchived(segment, !segment.archivedAt)} disabled={archive.isPending}>
                        {segment.archivedAt ? <ArchiveRestoreIcon aria-hidden /> : <ArchiveIcon aria-hidden />}
                        {segment.archivedAt ? "Restore" : "Archive"}
                        <span className="sr-only"> {segment.name}</span>
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </QueryStates>
    </div>
  );
}
