"use client";

import { Fragment, useEffect, useMemo, useState, type FormEvent } from "react";
import Link from "next/link";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, BookmarkIcon, Columns3Icon, ContactIcon, PlusIcon, SearchIcon, TagIcon, Trash2Icon, UserRoundIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { Switch } from "@mg/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { NewContactDialog } from "./contact-dialog";
import { formatCustomValue, formatDate, LIFECYCLE_LABELS, LIFECYCLE_STAGES, useMemberOptions, type ContactRow, type FieldDefinition, type LifecycleStage, type SavedView } from "./crm-ui";

type SortField = "name" | "created" | "updated" | "score";
interface Sort {
  field: SortField;
  direction: "asc" | "desc";
}
interface Filters {
  lifecycle: LifecycleStage | null;
  owner: string | null;
  tag: string | null;
}

const BUILT_IN: { key: string; label: string; sort?: SortField }[] = [
  { key: "email", label: "Email" },
  { key: "phone", label: "Phone" },
  { key: "company", label: "Company" },
  { key: "lifecycle", label: "Lifecycle stage" },
  { key: "owner", label: "Owner" },
  { key: "tags", label: "Tags" },
  { key: "score", label: "Score", sort: "score" },
  { key: "created", label: "Created", sort: "created" },
  { key: "updated", label: "Updated", sort: "updated" },
];
const DEFAULT_COLUMNS = ["email", "company", "lifecycle", "owner", "tags", "created"];
const DEFAULT_SORT: Sort = { field: "created", direction: "desc" };
const ALL = "__all__";
const NO_OWNER = "none";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

function readViewFilters(view: SavedView): Filters {
  const f = view.config.filters;
  const lifecycle = Array.isArray(f.lifecycleStages) && typeof f.lifecycleStages[0] === "string" ? (f.lifecycleStages[0] as LifecycleStage) : null;
  return { lifecycle, owner: typeof f.ownerUserId === "string" ? f.ownerUserId : null, tag: typeof f.tag === "string" ? f.tag : null };
}

/** The contacts table: server-side search, filters, sort and keyset pages; columns, views and bulk actions. */
export function ContactsView({ companyId = null }: { companyId?: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const { members, nameOf } = useMemberOptions();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 300);
  const [filters, setFilters] = useState<Filters>({ lifecycle: null, owner: null, tag: null });
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [columns, setColumns] = useState<string[]>(DEFAULT_COLUMNS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [viewId, setViewId] = useState<string | null>(null);
  const [company, setCompany] = useState<string | null>(companyId);
  const [newOpen, setNewOpen] = useState(false);
  const [tagDialog, setTagDialog] = useState<"addTags" | "removeTags" | null>(null);
  const [ownerDialog, setOwnerDialog] = useState(false);
  const [saveViewOpen, setSaveViewOpen] = useState(false);

  const input = {
    search: search || undefined,
    lifecycleStages: filters.lifecycle ? [filters.lifecycle] : undefined,
    ownerUserId: filters.owner ?? undefined,
    tag: filters.tag ?? undefined,
    companyId: company ?? undefined,
    sort,
    limit: 50,
  };
  const list = useInfiniteQuery({ ...trpc.contacts.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined }), placeholderData: keepPreviousData });
  const views = useQuery(trpc.contacts.viewList.queryOptions());
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  const fieldDefs: FieldDefinition[] = list.data?.pages[0]?.columns ?? [];
  const filtered = Boolean(search || filters.lifecycle || filters.owner || filters.tag || company);
  const companyName = company ? (rows.find((r) => r.company?.id === company)?.company?.name ?? "one company") : null;

  const bulk = useMutation(trpc.contacts.bulkUpdate.mutationOptions());
  const remove = useMutation(trpc.contacts.delete.mutationOptions());
  const restore = useMutation(trpc.contacts.restore.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });

  // A selection only means what is on screen: ids that left the list do not count.
  const rowIds = new Set(rows.map((r) => r.id));
  const chosen = [...selected].filter((id) => rowIds.has(id));

  function applyView(id: string) {
    if (id === ALL) {
      setViewId(null);
      setColumns(DEFAULT_COLUMNS);
      setSort(DEFAULT_SORT);
      setFilters({ lifecycle: null, owner: null, tag: null });
      return;
    }
    const view = views.data?.find((v) => v.id === id);
    if (!view) return;
    setViewId(view.id);
    setColumns(view.config.columns.length > 0 ? view.config.columns : DEFAULT_COLUMNS);
    const s = view.config.sort;
    if (s && ["name", "created", "updated", "score"].includes(s.field)) setSort({ field: s.field as SortField, direction: s.direction });
    setFilters(readViewFilters(view));
  }

  function toggleSort(field: SortField) {
    setSort((s) => (s.field === field ? { field, direction: s.direction === "asc" ? "desc" : "asc" } : { field, direction: field === "name" ? "asc" : "desc" }));
  }

  async function deleteSelected() {
    const ids = chosen;
    try {
      const result = await remove.mutateAsync({ contactIds: ids });
      setSelected(new Set());
      await invalidate();
      toast.success(`Deleted ${result.deleted} ${result.deleted === 1 ? "contact" : "contacts"}`, {
        action: {
          label: "Undo",
          onClick: () =>
            void restore
              .mutateAsync({ contactIds: result.contactIds })
              .then(async (r) => {
                await invalidate();
                toast.success(r.emailsNotRestored.length > 0 ? `Restored; ${r.emailsNotRestored.join(", ")} now belong to another contact` : "Restored");
              })
              .catch((e: unknown) => toast.error(apiError(e).message)),
        },
      });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  async function runBulk(action: { kind: "addTags" | "removeTags"; tags: string[] } | { kind: "setOwner"; ownerUserId: string | null }) {
    try {
      const result = await bulk.mutateAsync({ contactIds: chosen, action });
      await invalidate();
      toast.success(`Updated ${result.updated} ${result.updated === 1 ? "contact" : "contacts"}`);
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const visibleBuiltIns = BUILT_IN.filter((c) => columns.includes(c.key));
  const visibleFields = fieldDefs.filter((d) => columns.includes(`cf:${d.id}`));

  const sortHead = (label: string, field: SortField, className?: string) => (
    <TableHead className={className} aria-sort={sort.field === field ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="inline-flex items-center gap-1 rounded outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring" onClick={() => toggleSort(field)}>
        {label}
        {sort.field === field ? sort.direction === "asc" ? <ArrowUpIcon className="size-3.5" aria-hidden /> : <ArrowDownIcon className="size-3.5" aria-hidden /> : null}
        <span className="sr-only">{sort.field === field ? `, sorted ${sort.direction === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </button>
    </TableHead>
  );

  const cell = (row: ContactRow, key: string) => {
    switch (key) {
      case "email":
        return row.primaryEmail ?? "";
      case "phone":
        return row.primaryPhone ?? "";
      case "company":
        return row.company ? (
          <Link href={`/${slug}/companies/${row.company.id}`} className="hover:underline">
            {row.company.name}
          </Link>
        ) : (
          ""
        );
      case "lifecycle":
        return <Badge variant="outline">{LIFECYCLE_LABELS[row.lifecycleStage]}</Badge>;
      case "owner":
        return nameOf(row.ownerUserId) ?? "";
      case "tags":
        return (
          <span className="flex flex-wrap gap-1">
            {row.tags.map((t) => (
              <span key={t} className="rounded-full bg-secondary px-2 py-0.5 text-xs text-secondary-foreground">
                {t}
              </span>
            ))}
          </span>
        );
      case "score":
        return <span className="tabular-nums">{row.score}</span>;
      case "created":
        return formatDate(row.createdAt);
      case "updated":
        return formatDate(row.updatedAt);
      default:
        return "";
    }
  };

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Contacts"
        description="Everyone your business talks to, with their whole history."
        actions={
          <>
            {can("contacts.import") ? (
              <Button variant="outline" asChild>
                <Link href={`/${slug}/contacts/import`}>Import</Link>
              </Button>
            ) : null}
            {can("contacts.create") ? (
              <Button onClick={() => setNewOpen(true)} data-testid="new-contact">
                <PlusIcon aria-hidden /> New contact
              </Button>
            ) : null}
          </>
        }
      />

      <div className="flex flex-wrap items-end gap-2" role="search">
        <div className="relative w-full sm:w-72">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, email, phone or company" aria-label="Search contacts" className="pl-9" />
        </div>
        <Select value={filters.lifecycle ?? ALL} onValueChange={(v) => setFilters((f) => ({ ...f, lifecycle: v === ALL ? null : (v as LifecycleStage) }))}>
          <SelectTrigger className="w-full sm:w-48" aria-label="Lifecycle stage">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All stages</SelectItem>
            {LIFECYCLE_STAGES.map((s) => (
              <SelectItem key={s} value={s}>
                {LIFECYCLE_LABELS[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={filters.owner ?? ALL} onValueChange={(v) => setFilters((f) => ({ ...f, owner: v === ALL ? null : v }))}>
          <SelectTrigger className="w-full sm:w-44" aria-label="Owner">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Any owner</SelectItem>
            <SelectItem value={NO_OWNER}>Nobody</SelectItem>
            {members.map((m) => (
              <SelectItem key={m.id} value={m.id}>
                {m.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Input
          className="w-full sm:w-36"
          aria-label="Tag"
          placeholder="Tag"
          defaultValue={filters.tag ?? ""}
          key={`tag-${viewId ?? "none"}`}
          onBlur={(e) => setFilters((f) => ({ ...f, tag: e.target.value.trim() || null }))}
          onKeyDown={(e) => {
            if (e.key === "Enter") setFilters((f) => ({ ...f, tag: e.currentTarget.value.trim() || null }));
          }}
        />
        <div className="ml-auto flex flex-wrap gap-2">
          <Select value={viewId ?? ALL} onValueChange={applyView}>
            <SelectTrigger className="w-full sm:w-48" aria-label="Saved view">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All contacts</SelectItem>
              {(views.data ?? []).map((v) => (
                <SelectItem key={v.id} value={v.id}>
                  {v.name}
                  {v.shared ? " (shared)" : ""}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Button variant="outline" onClick={() => setSaveViewOpen(true)}>
            <BookmarkIcon aria-hidden /> Save view
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline">
                <Columns3Icon aria-hidden /> Columns
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="max-h-96 overflow-y-auto">
              <DropdownMenuLabel>Columns</DropdownMenuLabel>
              {BUILT_IN.map((c) => (
                <DropdownMenuCheckboxItem key={c.key} checked={columns.includes(c.key)} onCheckedChange={(on) => setColumns((cols) => (on ? [...cols, c.key] : cols.filter((k) => k !== c.key)))} onSelect={(e) => e.preventDefault()}>
                  {c.label}
                </DropdownMenuCheckboxItem>
              ))}
              {fieldDefs.length > 0 ? (
                <>
                  <DropdownMenuSeparator />
                  <DropdownMenuLabel>Custom fields</DropdownMenuLabel>
                  {fieldDefs.map((d) => (
                    <DropdownMenuCheckboxItem key={d.id} checked={columns.includes(`cf:${d.id}`)} onCheckedChange={(on) => setColumns((cols) => (on ? [...cols, `cf:${d.id}`] : cols.filter((k) => k !== `cf:${d.id}`)))} onSelect={(e) => e.preventDefault()}>
                      {d.label}
                    </DropdownMenuCheckboxItem>
                  ))}
                </>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </div>

      {company ? (
        <div className="flex items-center gap-2 text-sm">
          <span>
            People at <strong>{companyName}</strong>
          </span>
          <Button size="sm" variant="ghost" onClick={() => setCompany(null)}>
            Show everyone
          </Button>
        </div>
      ) : null}

      {chosen.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/50 p-2" role="region" aria-label="Bulk actions">
          <span className="px-2 text-sm font-medium" aria-live="polite">
            {chosen.length} selected
          </span>
          {can("contacts.update") ? (
            <>
              <Button size="sm" variant="outline" onClick={() => setTagDialog("addTags")}>
                <TagIcon aria-hidden /> Add tag
              </Button>
              <Button size="sm" variant="outline" onClick={() => setTagDialog("removeTags")}>
                <TagIcon aria-hidden /> Remove tag
              </Button>
              <Button size="sm" variant="outline" onClick={() => setOwnerDialog(true)}>
                <UserRoundIcon aria-hidden /> Set owner
              </Button>
            </>
          ) : null}
          {can("contacts.delete") ? (
            <Button size="sm" variant="outline" className="text-destructive" onClick={() => void deleteSelected()} disabled={remove.isPending}>
              <Trash2Icon aria-hidden /> Delete
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}

      {list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load contacts: {apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : list.isPending ? (
        <Card className="gap-2 p-4" role="status" aria-label="Loading contacts">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </Card>
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState icon={<SearchIcon />} title="No contacts match" description="Try other words or fewer filters." action={<Button variant="outline" onClick={() => { setText(""); setFilters({ lifecycle: null, owner: null, tag: null }); setCompany(null); }}>Clear filters</Button>} />
        ) : (
          <EmptyState
            icon={<ContactIcon />}
            title="No contacts yet"
            description="Add the people you work with, or import them from a spreadsheet — existing contacts are updated by email instead of duplicated."
            data-testid="contacts-empty"
            action={can("contacts.create") ? <Button onClick={() => setNewOpen(true)}><PlusIcon aria-hidden /> New contact</Button> : undefined}
          />
        )
      ) : (
        <Card className="gap-0 py-0">
          <Table data-testid="contacts-table" containerProps={{ tabIndex: 0, role: "region", "aria-label": "Contacts" }}>
            <TableHeader>
              <TableRow>
                <TableHead className="w-10 pl-4">
                  <input
                    type="checkbox"
                    className="size-4 accent-primary"
                    aria-label="Select all shown contacts"
                    checked={allSelected}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  />
                </TableHead>
                {sortHead("Name", "name")}
                {visibleBuiltIns.map((c) => (c.sort ? <Fragment key={c.key}>{sortHead(c.label, c.sort)}</Fragment> : <TableHead key={c.key}>{c.label}</TableHead>))}
                {visibleFields.map((d) => (
                  <TableHead key={d.id}>{d.label}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-state={selected.has(row.id) ? "selected" : undefined} data-testid="contact-row">
                  <TableCell className="pl-4">
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      aria-label={`Select ${row.displayName}`}
                      checked={selected.has(row.id)}
                      onChange={(e) =>
                        setSelected((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.add(row.id);
                          else next.delete(row.id);
                          return next;
                        })
                      }
                    />
                  </TableCell>
                  <TableCell className="font-medium">
                    <Link href={`/${slug}/contacts/${row.id}`} className="hover:underline focus-visible:underline focus-visible:outline-none">
                      {row.displayName}
                    </Link>
                    {row.jobTitle ? <div className="text-xs text-muted-foreground">{row.jobTitle}</div> : null}
                  </TableCell>
                  {visibleBuiltIns.map((c) => (
                    <TableCell key={c.key}>{cell(row, c.key)}</TableCell>
                  ))}
                  {visibleFields.map((d) => (
                    <TableCell key={d.id}>{formatCustomValue(d, row.customFields[d.id])}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {list.hasNextPage ? (
        <Button variant="outline" className="justify-self-center" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}

      <NewContactDialog open={newOpen} onOpenChange={setNewOpen} />
      <TagDialog
        mode={tagDialog}
        count={chosen.length}
        onClose={() => setTagDialog(null)}
        onSubmit={async (tag) => {
          if (tagDialog) await runBulk({ kind: tagDialog, tags: [tag] });
          setTagDialog(null);
        }}
      />
      <OwnerDialog
        open={ownerDialog}
        count={chosen.length}
        members={members}
        onClose={() => setOwnerDialog(false)}
        onSubmit={async (ownerUserId) => {
          await runBulk({ kind: "setOwner", ownerUserId });
          setOwnerDialog(false);
        }}
      />
      <SaveViewDialog
        open={saveViewOpen}
        onOpenChange={setSaveViewOpen}
        canShare={can("contacts.update")}
        current={views.data?.find((v) => v.id === viewId) ?? null}
        config={{
          columns,
          filters: { ...(filters.lifecycle ? { lifecycleStages: [filters.lifecycle] } : {}), ...(filters.owner ? { ownerUserId: filters.owner } : {}), ...(filters.tag ? { tag: filters.tag } : {}) },
          sort,
        }}
        onSaved={(id) => setViewId(id)}
        onDeleted={() => applyView(ALL)}
      />
    </div>
  );
}


function TagDialog({ mode, count, onClose, onSubmit }: { mode: "addTags" | "removeTags" | null; count: number; onClose: () => void; onSubmit: (tag: string) => Promise<void> }) {
  const [tag, setTag] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open={mode !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{mode === "removeTags" ? "Remove a tag" : "Add a tag"}</DialogTitle>
          <DialogDescription>
            {mode === "removeTags" ? "From" : "To"} {count} selected {count === 1 ? "contact" : "contacts"}.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            if (!tag.trim()) {
              setError("Enter a tag.");
              return;
            }
            void onSubmit(tag.trim()).then(() => setTag(""));
          }}
        >
          <FormField label="Tag" error={error} required>
            <Input value={tag} onChange={(e) => setTag(e.target.value)} maxLength={50} autoFocus />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">{mode === "removeTags" ? "Remove" : "Add"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function OwnerDialog({ open, count, members, onClose, onSubmit }: { open: boolean; count: number; members: { id: string; name: string }[]; onClose: () => void; onSubmit: (ownerUserId: string | null) => Promise<void> }) {
  const [owner, setOwner] = useState(NO_OWNER);
  return (
    <Dialog open={open} onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Set the owner</DialogTitle>
          <DialogDescription>
            Of {count} selected {count === 1 ? "contact" : "contacts"}.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void onSubmit(owner === NO_OWNER ? null : owner);
          }}
        >
          <FormField label="Owner">
            {(control) => (
              <Select value={owner} onValueChange={setOwner}>
                <SelectTrigger {...control} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_OWNER}>Nobody</SelectItem>
                  {members.map((m) => (
                    <SelectItem key={m.id} value={m.id}>
                      {m.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Set owner</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

interface SaveViewProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canShare: boolean;
  current: SavedView | null;
  config: SavedView["config"];
  onSaved: (id: string) => void;
  onDeleted: () => void;
  object?: "contacts" | "companies";
}

/** Save the table's columns, filters and sort as a personal or shared view (or change the current one). */
export function SaveViewDialog(props: SaveViewProps) {
  const editable = props.current !== null && (props.current.mine || props.canShare);
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{editable ? "Save the view" : "Save as a view"}</DialogTitle>
          <DialogDescription>Keeps the columns, filters and sort you see now.</DialogDescription>
        </DialogHeader>
        {props.open ? <SaveViewForm key={props.current?.id ?? "new"} {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function SaveViewForm({ onOpenChange, canShare, current, config, onSaved, onDeleted, object = "contacts" }: SaveViewProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveContact = useMutation(trpc.contacts.viewSave.mutationOptions());
  const saveCompany = useMutation(trpc.companies.viewSave.mutationOptions());
  const deleteContact = useMutation(trpc.contacts.viewDelete.mutationOptions());
  const deleteCompany = useMutation(trpc.companies.viewDelete.mutationOptions());
  const [name, setName] = useState(current?.name ?? "");
  const [shared, setShared] = useState(current?.shared ?? false);
  const [error, setError] = useState<string | null>(null);
  const editable = current !== null && (current.mine || canShare);

  async function save(asNew: boolean) {
    if (!name.trim()) {
      setError("Give the view a name.");
      return;
    }
    try {
      const input = { ...(asNew || !editable || !current ? {} : { viewId: current.id }), name: name.trim(), shared, config };
      const view = object === "contacts" ? await saveContact.mutateAsync(input) : await saveCompany.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: object === "contacts" ? trpc.contacts.viewList.queryKey() : trpc.companies.viewList.queryKey() });
      toast.success(`Saved the view “${view.name}”`);
      onSaved(view.id);
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  async function removeView() {
    if (!current) return;
    try {
      if (object === "contacts") await deleteContact.mutateAsync({ viewIds: [current.id] });
      else await deleteCompany.mutateAsync({ viewIds: [current.id] });
      await queryClient.invalidateQueries({ queryKey: object === "contacts" ? trpc.contacts.viewList.queryKey() : trpc.companies.viewList.queryKey() });
      toast.success(`Deleted the view “${current.name}”`);
      onDeleted();
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          <FormField label="Name" error={error} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus />
          </FormField>
          {canShare ? (
            <div className="flex items-center gap-3">
              <Switch id="share-view" checked={shared} onCheckedChange={setShared} />
              <Label htmlFor="share-view">Share with everyone in the organization</Label>
            </div>
          ) : null}
          <DialogFooter className="gap-2">
            {editable ? (
              <Button type="button" variant="outline" className="text-destructive sm:mr-auto" onClick={() => void removeView()}>
                Delete view
              </Button>
            ) : null}
            {editable ? (
              <Button type="button" variant="outline" onClick={() => void save(true)}>
                Save as new
              </Button>
            ) : null}
            <Button type="submit">Save</Button>
          </DialogFooter>
        </form>
  );
}
