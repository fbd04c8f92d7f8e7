"use client";

import { Fragment, useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, BookmarkIcon, Building2Icon, Columns3Icon, PlusIcon, SearchIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { EmptyState } from "@mg/ui/empty-state";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { SaveViewDialog } from "../contacts/contacts-view";
import { formatCustomValue, formatDate, useMemberOptions } from "../contacts/crm-ui";
import { CompanyDialog } from "./company-dialog";

type SortField = "name" | "created" | "updated";
const BUILT_IN: { key: string; label: string; sort?: SortField }[] = [
  { key: "domain", label: "Domain" },
  { key: "industry", label: "Industry" },
  { key: "size", label: "Size" },
  { key: "country", label: "Country" },
  { key: "contacts", label: "Contacts" },
  { key: "owner", label: "Owner" },
  { key: "created", label: "Created", sort: "created" },
  { key: "updated", label: "Updated", sort: "updated" },
];
const DEFAULT_COLUMNS = ["domain", "industry", "contacts", "owner", "created"];
const ALL = "__all__";

export function CompaniesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, can } = useOrg();
  const { nameOf } = useMemberOptions();
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<{ field: SortField; direction: "asc" | "desc" }>({ field: "name", direction: "asc" });
  const [columns, setColumns] = useState(DEFAULT_COLUMNS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [viewId, setViewId] = useState<string | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [saveViewOpen, setSaveViewOpen] = useState(false);

  useEffect(() => {
    const id = window.setTimeout(() => setSearch(text.trim()), 300);
    return () => window.clearTimeout(id);
  }, [text]);

  const list = useInfiniteQuery({
    ...trpc.companies.list.infiniteQueryOptions({ search: search || undefined, sort, limit: 50 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const views = useQuery(trpc.companies.viewList.queryOptions());
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  const fieldDefs = list.data?.pages[0]?.columns ?? [];
  const create = useMutation(trpc.companies.create.mutationOptions());
  const remove = useMutation(trpc.companies.delete.mutationOptions());
  const restore = useMutation(trpc.companies.restore.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.companies.pathKey() });

  // A selection only means what is on screen: ids that left the list do not count.
  const rowIds = new Set(rows.map((r) => r.id));
  const chosen = [...selected].filter((id) => rowIds.has(id));

  function applyView(id: string) {
    const view = views.data?.find((v) => v.id === id);
    if (!view) {
      setViewId(null);
      setColumns(DEFAULT_COLUMNS);
      setSort({ field: "name", direction: "asc" });
      return;
    }
    setViewId(view.id);
    setColumns(view.config.columns.length > 0 ? view.config.columns : DEFAULT_COLUMNS);
    const s = view.config.sort;
    if (s && ["name", "created", "updated"].includes(s.field)) setSort({ field: s.field as SortField, direction: s.direction });
  }

  async function deleteSelected() {
    try {
      const result = await remove.mutateAsync({ companyIds: chosen });
      setSelected(new Set());
      await invalidate();
      toast.success(`Deleted ${result.deleted} ${result.deleted === 1 ? "company" : "companies"}`, {
        action: {
          label: "Undo",
          onClick: () =>
            void restore
              .mutateAsync({ companyIds: result.companyIds })
              .then(async () => {
                await invalidate();
                toast.success("Restored");
              })
              .catch((e: unknown) => toast.error(apiError(e).message)),
        },
      });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  const sortHead = (label: string, field: SortField) => (
    <TableHead aria-sort={sort.field === field ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="inline-flex items-center gap-1 rounded outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
        onClick={() => setSort((s) => (s.field === field ? { field, direction: s.direction === "asc" ? "desc" : "asc" } : { field, direction: field === "name" ? "asc" : "desc" }))}
      >
        {label}
        {sort.field === field ? sort.direction === "asc" ? <ArrowUpIcon className="size-3.5" aria-hidden /> : <ArrowDownIcon className="size-3.5" aria-hidden /> : null}
        <span className="sr-only">{sort.field === field ? `, sorted ${sort.direction === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </button>
    </TableHead>
  );
  const visibleBuiltIns = BUILT_IN.filter((c) => columns.includes(c.key));
  const visibleFields = fieldDefs.filter((d) => columns.includes(`cf:${d.id}`));
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Companies"
        description="The businesses your contacts work for."
        actions={
          can("companies.create") ? (
            <Button onClick={() => setNewOpen(true)} data-testid="new-company">
              <PlusIcon aria-hidden /> New company
            </Button>
          ) : null
        }
      />
      <div className="flex flex-wrap items-end gap-2" role="search">
        <div className="relative w-full sm:w-72">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name or domain" aria-label="Search companies" className="pl-9" />
        </div>
        <div className="ml-auto flex flex-wrap gap-2">
          <Select value={viewId ?? ALL} onValueChange={applyView}>
            <SelectTrigger className="w-full sm:w-48" aria-label="Saved view">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All companies</SelectItem>
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

      {chosen.length > 0 && can("companies.delete") ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/50 p-2" role="region" aria-label="Bulk actions">
          <span className="px-2 text-sm font-medium" aria-live="polite">
            {chosen.length} selected
          </span>
          <Button size="sm" variant="outline" className="text-destructive" onClick={() => void deleteSelected()} disabled={remove.isPending}>
            <Trash2Icon aria-hidden /> Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}

      {list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load companies: {apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : list.isPending ? (
        <Card className="gap-2 p-4" role="status" aria-label="Loading companies">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </Card>
      ) : rows.length === 0 ? (
        search ? (
          <EmptyState icon={<SearchIcon />} title="No companies match" description="Try another name or domain." action={<Button variant="outline" onClick={() => setText("")}>Clear search</Button>} />
        ) : (
          <EmptyState
            icon={<Building2Icon />}
            title="No companies yet"
            description="Add the cafés, caterers and shops you sell to; their people are linked as contacts."
            data-testid="companies-empty"
            action={can("companies.create") ? <Button onClick={() => setNewOpen(true)}><PlusIcon aria-hidden /> New company</Button> : undefined}
          />
        )
      ) : (
        <Card className="gap-0 py-0">
          <Table data-testid="companies-table" containerProps={{ tabIndex: 0, role: "region", "aria-label": "Companies" }}>
            <TableHeader>
              <TableRow>
                {can("companies.delete") ? (
                  <TableHead className="w-10 pl-4">
                    <input type="checkbox" className="size-4 accent-primary" aria-label="Select all shown companies" checked={allSelected} onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())} />
                  </TableHead>
                ) : null}
                {sortHead("Name", "name")}
                {visibleBuiltIns.map((c) => (c.sort ? <Fragment key={c.key}>{sortHead(c.label, c.sort)}</Fragment> : <TableHead key={c.key}>{c.label}</TableHead>))}
                {visibleFields.map((d) => (
                  <TableHead key={d.id}>{d.label}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-state={selected.has(row.id) ? "selected" : undefined} data-testid="company-row">
                  {can("companies.delete") ? (
                    <TableCell className="pl-4">
                      <input
                        type="checkbox"
                        className="size-4 accent-primary"
                        aria-label={`Select ${row.name}`}
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
                  ) : null}
                  <TableCell className="font-medium">
                    <Link href={`/${slug}/companies/${row.id}`} className="hover:underline focus-visible:underline focus-visible:outline-none">
                      {row.name}
                    </Link>
                  </TableCell>
                  {visibleBuiltIns.map((c) => (
                    <TableCell key={c.key} className={c.key === "contacts" ? "tabular-nums" : undefined}>
                      {c.key === "domain"
                        ? (row.domain ?? "")
                        : c.key === "industry"
                          ? (row.industry ?? "")
                          : c.key === "size"
                            ? (row.size ?? "")
                            : c.key === "country"
                              ? (row.country ?? "")
                              : c.key === "contacts"
                                ? row.contactCount
                                : c.key === "owner"
                                  ? (nameOf(row.ownerUserId) ?? "")
                                  : c.key === "created"
                                    ? formatDate(row.createdAt)
                                    : formatDate(row.updatedAt)}
                    </TableCell>
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

      <CompanyDialog
        open={newOpen}
        onOpenChange={setNewOpen}
        title="New company"
        onSave={async (values) => {
          const { id } = await create.mutateAsync(values);
          await invalidate();
          toast.success(`Created ${values.name}`, { action: { label: "Open", onClick: () => router.push(`/${slug}/companies/${id}`) } });
        }}
      />
      <SaveViewDialog
        object="companies"
        open={saveViewOpen}
        onOpenChange={setSaveViewOpen}
        canShare={can("companies.update")}
        current={views.data?.find((v) => v.id === viewId) ?? null}
        config={{ columns, filters: {}, sort }}
        onSaved={(id) => setViewId(id)}
        onDeleted={() => applyView(ALL)}
      />
    </div>
  );
}
