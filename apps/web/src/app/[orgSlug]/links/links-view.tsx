"use client";

import { useState } from "react";
import Link from "next/link";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, ChartColumnIcon, Link2Icon, PencilIcon, PlusIcon, QrCodeIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { DropdownMenuItem } from "@mg/ui/dropdown-menu";
import { EmptyState } from "@mg/ui/empty-state";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Switch } from "@mg/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { CopyButton } from "~/components/copy-button";
import { QueryStates, ShowMoreButton } from "~/components/query-states";
import { RowActionsMenu } from "~/components/row-actions-menu";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { LinkDialog } from "./link-dialog";
import { QrDialog } from "./qr-dialog";
import { formatPercent, type LinkRow } from "./types";

const PAGE_SIZE = 25;

/** Archive or restore with the outcome as a toast; archiving offers an undo. */
function useArchiveLink() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archive = useMutation(trpc.links.archive.mutationOptions());
  async function setArchived(link: Pick<LinkRow, "id" | "name">, archived: boolean, offerUndo = true) {
    try {
      await archive.mutateAsync({ linkId: link.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.links.pathKey() });
      if (archived) {
        toast.success(`Archived “${link.name}”`, {
          description: "Its short link and QR code now answer “not found”.",
          action: offerUndo ? { label: "Undo", onClick: () => void setArchived(link, false, false) } : undefined,
        });
      } else {
        toast.success(`Restored “${link.name}”`);
      }
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }
  return setArchived;
}

export function LinksView() {
  const trpc = useTRPC();
  const { slug, can, org } = useOrg();
  const canEdit = can("links.edit");
  const [includeArchived, setIncludeArchived] = useState(false);
  const [search, setSearch] = useState("");
  const [dialog, setDialog] = useState<{ open: boolean; link?: LinkRow }>({ open: false });
  const [qrFor, setQrFor] = useState<LinkRow | null>(null);
  const setArchived = useArchiveLink();
  const query = useInfiniteQuery(
    trpc.links.list.infiniteQueryOptions({ includeArchived, limit: PAGE_SIZE, ...(search.trim() ? { search: search.trim() } : {}) }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const links = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = includeArchived || search.trim() !== "";

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Links"
        description="Short links and QR codes that count visits and tell you which poster, post or mail brought each lead."
        actions={
          canEdit ? (
            <Button onClick={() => setDialog({ open: true })} data-testid="new-link">
              <PlusIcon aria-hidden /> New link
            </Button>
          ) : null
        }
      />
      <div className="flex flex-wrap items-center gap-4">
        <div className="grid gap-1">
          <Label htmlFor="link-search" className="sr-only">
            Search links
          </Label>
          <Input id="link-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by name or code" className="w-64" maxLength={120} />
        </div>
        <div className="flex items-center gap-3">
          <Switch id="show-archived-links" checked={includeArchived} onCheckedChange={setIncludeArchived} />
          <Label htmlFor="show-archived-links">Show archived links</Label>
        </div>
      </div>

      <QueryStates
        query={query}
        loadingLabel="Loading links"
        rows={4}
        isEmpty={links.length === 0}
        empty={
          filtered ? (
            <p className="text-sm text-muted-foreground">No links match.</p>
          ) : (
            <EmptyState
              icon={<Link2Icon />}
              title="No tracked links yet"
              description={`Make a short link or a QR code for a poster, a flyer or a post: every visit is counted, and leads that come through it show where ${org.name} found them.`}
              action={
                canEdit ? (
                  <Button onClick={() => setDialog({ open: true })}>
                    <PlusIcon aria-hidden /> Create your first link
                  </Button>
                ) : null
              }
            />
          )
        }
      >
        <Table containerProps={{ tabIndex: 0, role: "region", "aria-label": "Tracked links" }}>
          <TableHeader>
            <TableRow>
              <TableHead>Link</TableHead>
              <TableHead>Short URL</TableHead>
              <TableHead className="text-right">Visits</TableHead>
              <TableHead className="text-right">Unique</TableHead>
              <TableHead className="text-right">Leads</TableHead>
              <TableHead className="text-right">Conversion</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {links.map((link) => (
              <TableRow key={link.id} data-testid="link-row" data-code={link.code}>
                <TableCell className="max-w-64">
                  <Link href={`/${slug}/links/${link.id}`} className="font-medium hover:underline">
                    {link.name}
                  </Link>
                  <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                    <span className="truncate">{link.page ? `Page: ${link.page.name}` : link.destination.kind === "url" ? link.destination.url : ""}</span>
                    {link.campaign ? <Badge variant="outline">{link.campaign.name}</Badge> : null}
                    {link.archivedAt ? <Badge variant="secondary">Archived</Badge> : null}
                  </div>
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <span className="font-mono text-xs">{link.shortUrl.replace(/^https?:\/\//, "")}</span>
                    <CopyButton value={link.shortUrl} label="Copy" size="sm" aria-label={`Copy the short URL of ${link.name}`} />
                  </div>
                </TableCell>
                <TableCell className="text-right tabular-nums">{link.visits}</TableCell>
                <TableCell className="text-right tabular-nums">{link.uniqueVisitors}</TableCell>
                <TableCell className="text-right tabular-nums">{link.leads}</TableCell>
                <TableCell className="text-right tabular-nums">{formatPercent(link.conversionRate)}</TableCell>
                <TableCell className="text-right">
                  <RowActionsMenu name={link.name}>
                    <DropdownMenuItem onSelect={() => setQrFor(link)}>
                      <QrCodeIcon aria-hidden /> QR code
                    </DropdownMenuItem>
                    <DropdownMenuItem asChild>
                      <Link href={`/${slug}/links/${link.id}`}>
                        <ChartColumnIcon aria-hidden /> Stats
                      </Link>
                    </DropdownMenuItem>
                    {canEdit ? (
                      <>
                        <DropdownMenuItem onSelect={() => setDialog({ open: true, link })}>
                          <PencilIcon aria-hidden /> Edit
                        </DropdownMenuItem>
                        {link.archivedAt ? (
                          <DropdownMenuItem onSelect={() => void setArchived(link, false)}>
                            <ArchiveRestoreIcon aria-hidden /> Restore
                          </DropdownMenuItem>
                        ) : (
                          <DropdownMenuItem onSelect={() => void setArchived(link, true)}>
                            <ArchiveIcon aria-hidden /> Archive
                          </DropdownMenuItem>
                        )}
                      </>
                    ) : null}
                  </RowActionsMenu>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <ShowMoreButton query={query} label="Show more links" />
      </QueryStates>

      <LinkDialog link={dialog.link} open={dialog.open} onOpenChange={(open) => setDialog((d) => ({ ...d, open }))} />
      <QrDialog link={qrFor} open={qrFor !== null} onOpenChange={(open) => !open && setQrFor(null)} />
    </div>
  );
}
