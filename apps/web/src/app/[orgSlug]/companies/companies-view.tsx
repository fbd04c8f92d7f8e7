"use client";

import { Fragment, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2Icon, PlusIcon, SearchIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { formatCustomValue, formatDate, useDebounced, useMemberOptions } from "../contacts/crm-ui";
import { ExportButton } from "../contacts/exports/export-button";
import { ALL_VIEWS as ALL, BulkBar, ColumnChooser, LoadMore, nextSort, RecordToolbar, SavedViewPicker, SelectCheckbox, SortableHead, TableLoading, useRowSelection, type Sort } from "../contacts/record-table";
import { SaveViewDialog } from "../contacts/save-view-dialog";
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

export function CompaniesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, can } = useOrg();
  const { nameOf } = useMemberOptions();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 300);
  const [sort, setSort] = useState<Sort<SortField>>({ field: "name", direction: "asc" });
  const [columns, setColumns] = useState(DEFAULT_COLUMNS);
  const [viewId, setViewId] = useState<string | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [saveViewOpen, setSaveViewOpen] = useState(false);

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

  const selection = useRowSelection(rows);
  const chosen = selection.chosen;

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
      selection.clear();
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

  const sortHead = (label: string, field: SortField) => <SortableHead label={label} field={field} sort={sort} onSort={(f) => setSort((s) => nextSort(s, f))} />;
  const visibleBuiltIns = BUILT_IN.filter((c) => columns.includes(c.key));
  const visibleFields = fieldDefs.filter((d) => columns.includes(`cf:${d.id}`));

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Companies"
        description="The businesses your contacts work for."
        actions={
          <>
            <ExportButton request={{ object: "COMPANY", input: {} }} label="Export all" />
            {can("companies.create") ? (
              <Button onClick={() => setNewOpen(true)} data-testid="new-company">
                <PlusIcon aria-hidden /> New company
              </Button>
            ) : null}
          </>
        }
      />
      <RecordToolbar
        search={{ value: text, onChange: setText, placeholder: "Name or domain", label: "Search companies" }}
        end={
          <>
            <SavedViewPicker viewId={viewId} views={views.data ?? []} allLabel="All companies" onPick={applyView} onSave={() => setSaveViewOpen(true)} />
            <ColumnChooser builtIns={BUILT_IN} fields={fieldDefs} columns={columns} onChange={setColumns} />
          </>
        }
      />

      {chosen.length > 0 && (can("companies.delete") || can("companies.export")) ? (
        <BulkBar count={chosen.length} onClear={selection.clear}>
          <ExportButton request={{ object: "COMPANY", input: { companyIds: chosen } }} label="Export" size="sm" />
          {can("companies.delete") ? (
            <Button size="sm" variant="outline" className="text-destructive" onClick={() => void deleteSelected()} disabled={remove.isPending}>
              <Trash2Icon aria-hidden /> Delete
            </Button>
          ) : null}
        </BulkBar>
      ) : null}

      {list.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load companies: {apiError(list.error).message}</AlertDescription>
        </Alert>
      ) : list.isPending ? (
        <TableLoading label="Loading companies" rows={4} />
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
                    <SelectCheckbox label="Select all shown companies" checked={selection.allSelected} onChange={selection.setAll} />
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
                <TableRow key={row.id} data-state={selection.isSelected(row.id) ? "selected" : undefined} data-testid="company-row">
                  {can("companies.delete") ? (
                    <TableCell className="pl-4">
                      <SelectCheckbox label={`Select ${row.name}`} checked={selection.isSelected(row.id)} onChange={(on) => selection.toggle(row.id, on)} />
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
      <LoadMore pages={list} />

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
