"use client";

import { useState, type ReactNode } from "react";
import { ArrowDownIcon, ArrowUpIcon, BookmarkIcon, Columns3Icon, SearchIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { TableHead } from "@mg/ui/table";
import type { SavedView } from "./crm-ui";

/**
 * The parts the contacts and companies tables share: toolbar, sortable headers, column chooser,
 * saved-view picker, selection with its bulk bar, loading rows and "Load more". Each table keeps
 * its own columns, filters and actions; these only draw what is the same in both.
 */

export const ALL_VIEWS = "__all__";

export interface Sort<F extends string> {
  field: F;
  direction: "asc" | "desc";
}

/** Clicking a header flips its direction; a new column starts A→Z for names, newest first otherwise. */
export function nextSort<F extends string>(sort: Sort<F>, field: F): Sort<F> {
  if (sort.field === field) return { field, direction: sort.direction === "asc" ? "desc" : "asc" };
  return { field, direction: field === "name" ? "asc" : "desc" };
}

export function SortableHead<F extends string>({ label, field, sort, onSort, className }: { label: string; field: F; sort: Sort<F>; onSort: (field: F) => void; className?: string }) {
  const active = sort.field === field;
  const direction = sort.direction === "asc" ? "ascending" : "descending";
  return (
    <TableHead className={className} aria-sort={active ? direction : "none"}>
      <button type="button" className="inline-flex items-center gap-1 rounded outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring" onClick={() => onSort(field)}>
        {label}
        {active ? sort.direction === "asc" ? <ArrowUpIcon className="size-3.5" aria-hidden /> : <ArrowDownIcon className="size-3.5" aria-hidden /> : null}
        <span className="sr-only">{active ? `, sorted ${direction}` : ", sort"}</span>
      </button>
    </TableHead>
  );
}

/** The search landmark above a table: the search box, the table's own filters, then (at the end) the view controls. */
export function RecordToolbar({ search, children, end }: { search: { value: string; onChange: (value: string) => void; placeholder: string; label: string }; children?: ReactNode; end: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end gap-2" role="search">
      <div className="relative w-full sm:w-72">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" value={search.value} onChange={(e) => search.onChange(e.target.value)} placeholder={search.placeholder} aria-label={search.label} className="pl-9" />
      </div>
      {children}
      <div className="ml-auto flex flex-wrap gap-2">{end}</div>
    </div>
  );
}

/** Pick a saved view (or all records), and open the dialog that saves the current one. */
export function SavedViewPicker({ viewId, views, allLabel, onPick, onSave }: { viewId: string | null; views: SavedView[]; allLabel: string; onPick: (id: string) => void; onSave: () => void }) {
  return (
    <>
      <Select value={viewId ?? ALL_VIEWS} onValueChange={onPick}>
        <SelectTrigger className="w-full sm:w-48" aria-label="Saved view">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL_VIEWS}>{allLabel}</SelectItem>
          {views.map((v) => (
            <SelectItem key={v.id} value={v.id}>
              {v.name}
              {v.shared ? " (shared)" : ""}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Button variant="outline" onClick={onSave}>
        <BookmarkIcon aria-hidden /> Save view
      </Button>
    </>
  );
}

/** Built-in columns by key, custom fields as "cf:<id>" (the keys a saved view stores). */
export function ColumnChooser({ builtIns, fields, columns, onChange }: { builtIns: { key: string; label: string }[]; fields: { id: string; label: string }[]; columns: string[]; onChange: (update: (columns: string[]) => string[]) => void }) {
  const item = (key: string, label: string) => (
    <DropdownMenuCheckboxItem key={key} checked={columns.includes(key)} onCheckedChange={(on) => onChange((cols) => (on ? [...cols, key] : cols.filter((k) => k !== key)))} onSelect={(e) => e.preventDefault()}>
      {label}
    </DropdownMenuCheckboxItem>
  );
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline">
          <Columns3Icon aria-hidden /> Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-h-96 overflow-y-auto">
        <DropdownMenuLabel>Columns</DropdownMenuLabel>
        {builtIns.map((c) => item(c.key, c.label))}
        {fields.length > 0 ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Custom fields</DropdownMenuLabel>
            {fields.map((d) => item(`cf:${d.id}`, d.label))}
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** Selected row ids; only the rows on screen count, so ids that left the list are never acted on. */
export function useRowSelection(rows: { id: string }[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rowIds = new Set(rows.map((r) => r.id));
  return {
    chosen: [...selected].filter((id) => rowIds.has(id)),
    allSelected: rows.length > 0 && rows.every((r) => selected.has(r.id)),
    isSelected: (id: string) => selected.has(id),
    setAll: (on: boolean) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set()),
    toggle: (id: string, on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    clear: () => setSelected(new Set()),
  };
}

export function SelectCheckbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return <input type="checkbox" className="size-4 accent-primary" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />;
}

/** The bar over a table while rows are selected: the count, the table's actions, and a way out. */
export function BulkBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/50 p-2" role="region" aria-label="Bulk actions">
      <span className="px-2 text-sm font-medium" aria-live="polite">
        {count} selected
      </span>
      {children}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}

export function TableLoading({ label, rows }: { label: string; rows: number }) {
  return (
    <Card className="gap-2 p-4" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-9" />
      ))}
    </Card>
  );
}

export function LoadMore({ pages }: { pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  if (!pages.hasNextPage) return null;
  return (
    <Button variant="outline" className="justify-self-center" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
      {pages.isFetchingNextPage ? "Loading…" : "Load more"}
    </Button>
  );
}
