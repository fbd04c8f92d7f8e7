"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, ListIcon, ListPlusIcon, PencilIcon, PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { DropdownMenuItem } from "@mg/ui/dropdown-menu";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Switch } from "@mg/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { QueryStates } from "~/components/query-states";
import { RowActionsMenu } from "~/components/row-actions-menu";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { ContactsNav } from "../segments/contacts-nav";
import { ExportButton } from "../exports/export-button";
import { COUNT_FORMAT, type ContactListRow } from "../segments/segment-ui";

type DialogState = { kind: "create" } | { kind: "rename"; list: ContactListRow } | { kind: "snapshot" } | null;

/** Create or rename a list: one name field, its error under it. */
function ListNameDialog({ list, onClose }: { list?: ContactListRow; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.contactLists.create.mutationOptions());
  const rename = useMutation(trpc.contactLists.rename.mutationOptions());
  const [name, setName] = useState(list?.name ?? "");
  const [error, setError] = useState<string | null>(null);
  const pending = create.isPending || rename.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (list) await rename.mutateAsync({ listId: list.id, name });
      else await create.mutateAsync({ name });
      await queryClient.invalidateQueries({ queryKey: trpc.contactLists.pathKey() });
      toast.success(list ? `Renamed to “${name.trim()}”.` : `Created the list “${name.trim()}”.`);
      onClose();
    } catch (e) {
      const info = apiError(e);
      setError(info.fieldErrors.name ?? info.message);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent>
        <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>{list ? "Rename list" : "New list"}</DialogTitle>
            <DialogDescription>A static list holds the contacts you put in it, until you take them out.</DialogDescription>
          </DialogHeader>
          <FormField label="Name" required error={error ?? undefined}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoFocus />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : list ? "Rename" : "Create list"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Freeze a segment's current members into a new list (one INSERT … SELECT on the server). */
function SnapshotDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const segments = useQuery(trpc.segments.list.queryOptions());
  const snapshot = useMutation(trpc.contactLists.snapshotSegment.mutationOptions());
  const [segmentId, setSegmentId] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!segmentId) {
      setError("Pick a segment.");
      return;
    }
    const segmentName = segments.data?.find((s) => s.id === segmentId)?.name ?? "Segment";
    try {
      const result = await snapshot.mutateAsync({ segmentId, name: name.trim() || `${segmentName} (${new Date().toLocaleDateString()})` });
      await queryClient.invalidateQueries({ queryKey: trpc.contactLists.pathKey() });
      toast.success(`Saved ${COUNT_FORMAT.format(result.added)} contacts to “${result.name}”.`);
      onClose();
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent>
        <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>New list from a segment</DialogTitle>
            <DialogDescription>The segment’s members right now become the list’s members. Later changes to the segment do not change the list.</DialogDescription>
          </DialogHeader>
          {segments.data && segments.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              There are no segments yet.{" "}
              <Link href={`/${slug}/contacts/segments/new`} className="underline underline-offset-4">
                Create a segment
              </Link>{" "}
              first.
            </p>
          ) : (
            <FormField label="Segment" required error={error ?? undefined}>
              {(control) => (
                <Select value={segmentId} onValueChange={setSegmentId}>
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue placeholder={segments.isPending ? "Loading segments…" : "Choose a segment"} />
                  </SelectTrigger>
                  <SelectContent>
                    {(segments.data ?? []).map((s) => (
                      <SelectItem key={s.id} value={s.id}>
                        {s.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
          )}
          <FormField label="List name" description="Leave empty to name it after the segment and today’s date.">
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={snapshot.isPending || !segments.data?.length}>
              {snapshot.isPending ? "Saving…" : "Create list"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ListsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const canEdit = can("contacts.update");
  const [includeArchived, setIncludeArchived] = useState(false);
  const lists = useQuery(trpc.contactLists.list.queryOptions({ includeArchived }));
  const archive = useMutation(trpc.contactLists.archive.mutationOptions());
  const [dialog, setDialog] = useState<DialogState>(null);

  async function setArchived(list: ContactListRow, archived: boolean, offerUndo = true) {
    try {
      await archive.mutateAsync({ listId: list.id, archived });
      await queryClient.invalidateQueries({ queryKey: trpc.contactLists.pathKey() });
      toast.success(archived ? `Archived “${list.name}”.` : `Restored “${list.name}”.`, {
        description: archived ? "Its members are kept." : undefined,
        action: archived && offerUndo ? { label: "Undo", onClick: () => void setArchived(list, false, false) } : undefined,
      });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const rows = lists.data ?? [];
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<ContactsNav current="lists" />}
        title="Lists"
        description="Static lists of contacts: added by hand, from a segment or from an import. Broadcasts and nurturing can target them."
        actions={
          canEdit ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setDialog({ kind: "snapshot" })}>
                <ListPlusIcon aria-hidden /> From a segment
              </Button>
              <Button onClick={() => setDialog({ kind: "create" })} data-testid="new-list">
                <PlusIcon aria-hidden /> New list
              </Button>
            </div>
          ) : null
        }
      />
      <div className="flex items-center gap-3">
        <Switch id="show-archived-lists" checked={includeArchived} onCheckedChange={setIncludeArchived} />
        <Label htmlFor="show-archived-lists">Show archived lists</Label>
      </div>
      <QueryStates
        query={lists}
        loadingLabel="Loading lists"
        isEmpty={rows.length === 0}
        empty={
          <EmptyState
            icon={<ListIcon />}
            title="No lists yet"
            description="Make a list by hand, or freeze the members of a segment into one."
            action={
              canEdit ? (
                <Button onClick={() => setDialog({ kind: "create" })}>
                  <PlusIcon aria-hidden /> New list
                </Button>
              ) : null
            }
          />
        }
      >
        <Table>
          <caption className="sr-only">Contact lists</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead className="text-right">Members</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((list) => (
              <TableRow key={list.id} data-testid="list-row">
                <TableCell className="font-medium">
                  <Link href={`/${slug}/contacts/lists/${list.id}`} className="underline-offset-4 hover:underline">
                    {list.name}
                  </Link>{" "}
                  {list.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                </TableCell>
                <TableCell className="text-right tabular-nums">{COUNT_FORMAT.format(list.memberCount)}</TableCell>
                <TableCell>{new Date(list.createdAt).toLocaleDateString(undefined, { dateStyle: "medium" })}</TableCell>
                <TableCell className="text-right">
                  <div className="flex items-center justify-end gap-1">
                    <ExportButton request={{ object: "CONTACT", input: { scope: { kind: "list", listId: list.id } } }} label="Export" />
                    {canEdit ? (
                      <RowActionsMenu name={list.name}>
                        <DropdownMenuItem onSelect={() => setDialog({ kind: "rename", list })}>
                          <PencilIcon aria-hidden /> Rename
                        </DropdownMenuItem>
                        {list.archivedAt ? (
                          <DropdownMenuItem onSelect={() => void setArchived(list, false)}>
                            <ArchiveRestoreIcon aria-hidden /> Restore
                          </DropdownMenuItem>
                        ) : (
                          <DropdownMenuItem onSelect={() => void setArchived(list, true)}>
                            <ArchiveIcon aria-hidden /> Archive
                          </DropdownMenuItem>
                        )}
                      </RowActionsMenu>
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </QueryStates>
      {dialog?.kind === "create" ? <ListNameDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "rename" ? <ListNameDialog list={dialog.list} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "snapshot" ? <SnapshotDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
