"use client";

import { Fragment, useMemo, useState, type FormEvent } from "react";
import Link from "next/link";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ContactIcon, PlusIcon, SearchIcon, TagIcon, Trash2Icon, UserRoundIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { NewContactDialog } from "./contact-dialog";
import { ExportButton } from "./exports/export-button";
import { formatCustomValue, formatDate, LIFECYCLE_LABELS, useDebounced, useMemberOptions, type ContactRow, type FieldDefinition, type LifecycleStage, type MemberOption, type SavedView } from "./crm-ui";
import { ALL_VIEWS as ALL, BulkBar, ColumnChooser, LoadMore, nextSort, RecordToolbar, SavedViewPicker, SelectCheckbox, SortableHead, TableLoading, useRowSelection, type Sort as TableSort } from "./record-table";
import { ChoiceSelect, FormFooter, LIFECYCLE_CHOICES, ownerChoices } from "./record-fields";
import { SaveViewDialog } from "./save-view-dialog";

type SortField = "name" | "created" | "updated" | "score";
type Sort = TableSort<SortField>;
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
const NO_OWNER = "none";

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

  const selection = useRowSelection(rows);
  const chosen = selection.chosen;

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
    setSort((s) => nextSort(s, field));
  }

  async function deleteSelected() {
    const ids = chosen;
    try {
      const result = await remove.mutateAsync({ contactIds: ids });
      selection.clear();
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

  const visibleBuiltIns = BUILT_IN.filter((c) => columns.includes(c.key));
  const visibleFields = fieldDefs.filter((d) => columns.includes(`cf:${d.id}`));

  const sortHead = (label: string, field: SortField) => <SortableHead label={label} field={field} sort={sort} onSort={toggleSort} />;

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
            <ExportButton request={{ object: "CONTACT", input: { scope: { kind: "all" } } }} label="Export all" />
            {can("contacts.export") ? (
              <Button variant="ghost" asChild>
                <Link href={`/${slug}/contacts/exports`}>Exports</Link>
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

      <RecordToolbar
        search={{ value: text, onChange: setText, placeholder: "Name, email, phone or company", label: "Search contacts" }}
        end={
          <>
            <SavedViewPicker viewId={viewId} views={views.data ?? []} allLabel="All contacts" onPick={applyView} onSave={() => setSaveViewOpen(true)} />
            <ColumnChooser builtIns={BUILT_IN} fields={fieldDefs} columns={columns} onChange={setColumns} />
          </>
        }
      >
        <ChoiceSelect
          className="w-full sm:w-48"
          aria-label="Lifecycle stage"
          value={filters.lifecycle ?? ALL}
          onChange={(v) => setFilters((f) => ({ ...f, lifecycle: v === ALL ? null : (v as LifecycleStage) }))}
          choices={[[ALL, "All stages"], ...LIFECYCLE_CHOICES]}
        />
        <ChoiceSelect className="w-full sm:w-44" aria-label="Owner" value={filters.owner ?? ALL} onChange={(v) => setFilters((f) => ({ ...f, owner: v === ALL ? null : v }))} choices={[[ALL, "Any owner"], ...ownerChoices(members, NO_OWNER)]} />
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
      </RecordToolbar>

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
        <BulkBar count={chosen.length} onClear={selection.clear}>
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
          <ExportButton request={{ object: "CONTACT", input: { scope: { kind: "ids", contactIds: chosen } } }} label="Export" size="sm" />
          {can("contacts.delete") ? (
            <Button size="sm" variant="outline" className="text-destructive" onClick={() => void deleteSelected()} disabled={remove.isPending}>
              <Trash2Icon aria-hidden /> Delete
            </Button>
          ) : null}
        </BulkBar>
      ) : null}

      {list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load contacts: {apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : list.isPending ? (
        <TableLoading label="Loading contacts" rows={5} />
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
                  <SelectCheckbox label="Select all shown contacts" checked={selection.allSelected} onChange={selection.setAll} />
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
                <TableRow key={row.id} data-state={selection.isSelected(row.id) ? "selected" : undefined} data-testid="contact-row">
                  <TableCell className="pl-4">
                    <SelectCheckbox label={`Select ${row.displayName}`} checked={selection.isSelected(row.id)} onChange={(on) => selection.toggle(row.id, on)} />
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
      <LoadMore pages={list} />

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
          <FormFooter onCancel={onClose} submitLabel={mode === "removeTags" ? "Remove" : "Add"} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

function OwnerDialog({ open, count, members, onClose, onSubmit }: { open: boolean; count: number; members: MemberOption[]; onClose: () => void; onSubmit: (ownerUserId: string | null) => Promise<void> }) {
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
            {(control) => <ChoiceSelect {...control} className="w-full" value={owner} onChange={setOwner} choices={ownerChoices(members, NO_OWNER)} />}
          </FormField>
          <FormFooter onCancel={onClose} submitLabel="Set owner" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
