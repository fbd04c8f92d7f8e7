"use client";

import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, FileUpIcon, PlayIcon, RotateCcwIcon, SquareIcon, UploadIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { Textarea } from "@mg/ui/textarea";
import { ConfirmAction } from "~/components/confirm-button";
import { Progress } from "~/components/progress";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { downloadCsv, FIELD_LABELS, fieldLabel, STATUS_LABELS, STATUS_VARIANT, type ImportRecord } from "./labels";

const MAX_BYTES = 20 * 1024 * 1024;
const SELECT_CLASS =
  "h-9 w-full min-w-40 rounded-md border border-input bg-background px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";
const ACTIVE = new Set(["QUEUED", "RUNNING"]);

type MatchKey = "email" | "phone" | "externalId";
type UpdateRule = "fill_empty" | "overwrite";

/** Step 1: a file or pasted text; the server parses it and proposes a mapping. */
function UploadStep({ onUploaded }: { onUploaded: (importId: string) => void }) {
  const trpc = useTRPC();
  const preview = useMutation(trpc.contactImports.preview.mutationOptions());
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function send(fileName: string, csvText: string) {
    setError(null);
    try {
      const result = await preview.mutateAsync({ fileName, csvText });
      onUploaded(result.import.id);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  async function onFile(file: File) {
    if (file.size > MAX_BYTES) {
      setError("The file is larger than 20 MB: split it into several imports.");
      return;
    }
    await send(file.name, await file.text());
  }

  return (
    <section aria-labelledby="upload-heading" className="space-y-4 rounded-xl border bg-card p-5">
      <h2 id="upload-heading" className="font-semibold">
        1. Choose a CSV file or paste it
      </h2>
      <p className="text-sm text-muted-foreground">The first row must name the columns. Nothing is written until you have seen the dry run and started the import.</p>
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          aria-label="CSV file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void onFile(file);
            event.target.value = "";
          }}
        />
        <Button type="button" onClick={() => fileInput.current?.click()} disabled={preview.isPending}>
          <FileUpIcon aria-hidden /> Choose a file…
        </Button>
        {preview.isPending ? <span role="status" className="text-sm text-muted-foreground">Reading and checking every row…</span> : null}
      </div>
      <FormField label="…or paste the CSV text" description="Copy the cells from a spreadsheet, including the header row.">
        <Textarea value={pasted} onChange={(e) => setPasted(e.target.value)} rows={6} className="font-mono text-xs" />
      </FormField>
      <Button type="button" variant="outline" disabled={!pasted.trim() || preview.isPending} onClick={() => void send("pasted.csv", pasted.replaceAll("\t", ","))}>
        <UploadIcon aria-hidden /> Check pasted text
      </Button>
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>The file could not be read</AlertTitle>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
    </section>
  );
}

function Counts({ record }: { record: ImportRecord }) {
  const p = record.preview;
  const items: [string, number][] =
    record.status === "PREVIEWED"
      ? [
          ["New contacts", p.creates],
          ["Updated contacts", p.updates],
          ["Skipped rows", p.skips],
          ["Rows with errors", p.errorRows],
        ]
      : [
          ["Created", record.createdCount],
          ["Updated", record.updatedCount],
          ["Skipped", record.skippedCount],
          ["Rows with errors", record.errorCount],
        ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg border p-3">
          <dt className="text-xs text-muted-foreground">{label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Steps 2–4 before the start: mapping, rules, and the dry run's report. */
function MappingStep({ record }: { record: ImportRecord }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can, slug } = useOrg();
  const preview = useMutation(trpc.contactImports.preview.mutationOptions());
  const start = useMutation(trpc.contactImports.start.mutationOptions());
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: can("users.read") });
  const lists = useQuery({ ...trpc.contactLists.list.queryOptions({}), enabled: can("contacts.read") });
  const [columns, setColumns] = useState<(string | null)[]>(record.columns);
  const [matchKey, setMatchKey] = useState<MatchKey>(record.matchKey as MatchKey);
  const [updateRule, setUpdateRule] = useState<UpdateRule>(record.updateRule as UpdateRule);
  const [tags, setTags] = useState(record.tags.join(", "));
  const [ownerUserId, setOwnerUserId] = useState(record.ownerUserId ?? "");
  const [listId, setListId] = useState(record.listId ?? "");
  const baseId = useId();
  const p = record.preview;
  const targets = [...Object.keys(FIELD_LABELS), ...record.customFields.map((f) => `custom:${f.id}`)];
  const dirty =
    JSON.stringify(columns) !== JSON.stringify(record.columns) ||
    matchKey !== record.matchKey ||
    updateRule !== record.updateRule ||
    tags !== record.tags.join(", ") ||
    ownerUserId !== (record.ownerUserId ?? "") ||
    listId !== (record.listId ?? "");

  async function recheck() {
    try {
      await preview.mutateAsync({
        importId: record.id,
        mapping: columns as Parameters<typeof preview.mutateAsync>[0]["mapping"],
        matchKey,
        updateRule,
        tags: tags.split(/[;,]/).map((t) => t.trim()).filter(Boolean),
        ownerUserId: ownerUserId || null,
        listId: listId || null,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.contactImports.pathKey() });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  async function onStart() {
    try {
      await start.mutateAsync({ importId: record.id });
      await queryClient.invalidateQueries({ queryKey: trpc.contactImports.pathKey() });
      toast.success("Import started", { description: "You can leave this page: it keeps going, and the progress is here when you come back." });
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${baseId}-map`} className="space-y-3 rounded-xl border bg-card p-5">
        <h2 id={`${baseId}-map`} className="font-semibold">
          2. Map the columns
        </h2>
        <p className="text-sm text-muted-foreground">
          Suggested from the headers. Need a field that does not exist yet?{" "}
          <Link className="underline underline-offset-4" href={`/${slug}/settings/crm`}>
            Create a custom field
          </Link>{" "}
          in the CRM settings, then check again.
        </p>
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-4">Column</TableHead>
                <TableHead>First values</TableHead>
                <TableHead className="pr-4">Imports into</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.headers.map((header, index) => (
                <TableRow key={index}>
                  <TableCell className="pl-4 font-medium">{header || `(column ${index + 1})`}</TableCell>
                  <TableCell className="max-w-64 truncate text-muted-foreground">
                    {p.sample
                      .map((row) => row[index] ?? "")
                      .filter(Boolean)
                      .slice(0, 3)
                      .join(" · ") || "—"}
                  </TableCell>
                  <TableCell className="pr-4">
                    <select
                      aria-label={`Field for column ${header || index + 1}`}
                      className={SELECT_CLASS}
                      value={columns[index] ?? ""}
                      onChange={(e) => setColumns((prev) => prev.map((value, i) => (i === index ? e.target.value || null : value)))}
                    >
                      <option value="">Skip this column</option>
                      {targets.map((target) => (
                        <option key={target} value={target} disabled={columns.includes(target) && columns[index] !== target}>
                          {fieldLabel(target, record.customFields)}
                        </option>
                      ))}
                    </select>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      <section aria-labelledby={`${baseId}-rules`} className="space-y-4 rounded-xl border bg-card p-5">
        <h2 id={`${baseId}-rules`} className="font-semibold">
          3. Rules
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Find existing contacts by</legend>
            {(
              [
                ["email", "Email"],
                ["phone", "Phone"],
                ["externalId", "External id"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name={`${baseId}-match`} value={value} checked={matchKey === value} onChange={() => setMatchKey(value)} /> {label}
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">When a contact exists</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${baseId}-rule`} value="fill_empty" checked={updateRule === "fill_empty"} onChange={() => setUpdateRule("fill_empty")} /> Fill empty fields only
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${baseId}-rule`} value="overwrite" checked={updateRule === "overwrite"} onChange={() => setUpdateRule("overwrite")} /> Overwrite with the file’s values
            </label>
          </fieldset>
          <FormField label="Tags for every imported contact" description="Separated by commas.">
            <Input value={tags} onChange={(e) => setTags(e.target.value)} />
          </FormField>
          {members.data ? (
            <FormField label="Owner of new contacts">
              <select className={SELECT_CLASS} value={ownerUserId} onChange={(e) => setOwnerUserId(e.target.value)}>
                <option value="">Nobody</option>
                {members.data.members.map((m) => (
                  <option key={m.user.id} value={m.user.id}>
                    {m.user.name ?? m.user.email}
                  </option>
                ))}
              </select>
            </FormField>
          ) : null}
          {lists.data && lists.data.length > 0 ? (
            <FormField label="Add to list">
              <select className={SELECT_CLASS} value={listId} onChange={(e) => setListId(e.target.value)}>
                <option value="">No list</option>
                {lists.data.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </FormField>
          ) : null}
        </div>
        <Button type="button" variant={dirty ? "default" : "outline"} onClick={() => void recheck()} disabled={preview.isPending}>
          <RotateCcwIcon aria-hidden /> {preview.isPending ? "Checking…" : "Check again with these settings"}
        </Button>
      </section>

      <section aria-labelledby={`${baseId}-dry`} className="space-y-4 rounded-xl border bg-card p-5">
        <h2 id={`${baseId}-dry`} className="font-semibold">
          4. Dry run: what the import will do
        </h2>
        {dirty ? (
          <Alert>
            <AlertDescription>You changed the mapping or the rules: check again to see their effect before starting.</AlertDescription>
          </Alert>
        ) : null}
        <Counts record={record} />
        <ReportTables record={record} />
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => void onStart()} disabled={dirty || start.isPending || p.creates + p.updates === 0}>
            <PlayIcon aria-hidden /> Start import ({(p.creates + p.updates).toLocaleString()} contacts)
          </Button>
          <ErrorReportButton record={record} />
        </div>
      </section>
    </div>
  );
}

function ReportTables({ record }: { record: ImportRecord }) {
  const p = record.preview;
  return (
    <>
      {p.errors.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <caption className="px-4 py-2 text-left text-sm font-medium">
              Rows with problems ({p.errorCount.toLocaleString()}
              {p.errorCount > p.errors.length ? `, the first ${p.errors.length} shown` : ""}) — they are not imported
            </caption>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-4">Row</TableHead>
                <TableHead>Field</TableHead>
                <TableHead className="pr-4">Problem</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.errors.slice(0, 50).map((e, i) => (
                <TableRow key={i}>
                  <TableCell className="pl-4 tabular-nums">{e.row}</TableCell>
                  <TableCell>{fieldLabel(e.field, record.customFields)}</TableCell>
                  <TableCell className="pr-4 whitespace-normal">{e.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {p.duplicates.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <caption className="px-4 py-2 text-left text-sm font-medium">Likely duplicates ({p.duplicateCount.toLocaleString()})</caption>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-4">Row</TableHead>
                <TableHead className="pr-4">Looks like</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.duplicates.slice(0, 50).map((d, i) => (
                <TableRow key={i}>
                  <TableCell className="pl-4 tabular-nums">{d.row}</TableCell>
                  <TableCell className="pr-4 whitespace-normal">
                    {d.against === "file" ? `Row ${d.otherRow}: ${d.reason}` : `${d.contactName ?? "A contact"}: ${d.reason}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}

function ErrorReportButton({ record }: { record: ImportRecord }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = record.status === "PREVIEWED" ? record.preview.errorCount : record.errorCount + record.skippedCount;
  if (errors === 0) return null;
  return (
    <Button
      type="button"
      variant="outline"
      onClick={async () => {
        try {
          const report = await queryClient.fetchQuery(trpc.contactImports.errorReport.queryOptions({ importId: record.id }));
          downloadCsv(report.fileName, report.csv);
        } catch (e) {
          toast.error(apiError(e).message);
        }
      }}
    >
      <DownloadIcon aria-hidden /> Download error report
    </Button>
  );
}

/** While it runs and once it is over: progress (polled, so it survives a reload), cancel, undo. */
function RunStep({ record }: { record: ImportRecord }) {
  const trpc = useTRPC();
  const { slug } = useOrg();
  const queryClient = useQueryClient();
  const cancel = useMutation(trpc.contactImports.cancel.mutationOptions());
  const start = useMutation(trpc.contactImports.start.mutationOptions());
  const undo = useMutation(trpc.contactImports.undo.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.contactImports.pathKey() });
  const active = ACTIVE.has(record.status);
  return (
    <section aria-labelledby="run-heading" className="space-y-4 rounded-xl border bg-card p-5">
      <div className="flex items-center justify-between gap-3">
        <h2 id="run-heading" className="font-semibold">
          {active ? "Importing…" : "Import finished"}
        </h2>
        <Badge variant={STATUS_VARIANT[record.status]}>{STATUS_LABELS[record.status]}</Badge>
      </div>
      <Progress value={record.processedRows} max={record.totalRows} label={`Rows processed: ${record.processedRows} of ${record.totalRows}`} />
      <p className="text-sm text-muted-foreground" role="status">
        {record.processedRows.toLocaleString()} of {record.totalRows.toLocaleString()} rows ({record.percent}%)
        {record.cancelRequestedAt && active ? " — stopping after the current chunk" : ""}
      </p>
      <Counts record={record} />
      <div className="flex flex-wrap gap-2">
        {active && !record.cancelRequestedAt ? (
          <ConfirmAction
            trigger={
              <Button type="button" variant="outline">
                <SquareIcon aria-hidden /> Cancel import
              </Button>
            }
            title="Stop this import?"
            description="The rows imported so far stay (you can undo them afterwards); the rest is not imported."
            confirmLabel="Stop import"
            onConfirm={async () => {
              try {
                await cancel.mutateAsync({ importId: record.id });
                await invalidate();
              } catch (e) {
                toast.error(apiError(e).message);
              }
            }}
          />
        ) : null}
        {record.status === "FAILED" ? (
          <Button
            type="button"
            onClick={async () => {
              try {
                await start.mutateAsync({ importId: record.id });
                await invalidate();
              } catch (e) {
                toast.error(apiError(e).message);
              }
            }}
          >
            <PlayIcon aria-hidden /> Resume where it stopped
          </Button>
        ) : null}
        {!active ? <ErrorReportButton record={record} /> : null}
        {!active && record.preview.duplicateCount > 0 ? (
          <Button asChild variant="outline">
            <Link href={`/${slug}/contacts/duplicates`}>Review likely duplicates</Link>
          </Button>
        ) : null}
        {["DONE", "CANCELLED", "FAILED"].includes(record.status) && record.createdCount + record.updatedCount > 0 ? (
          <ConfirmAction
            trigger={
              <Button type="button" variant="destructive">
                <RotateCcwIcon aria-hidden /> Undo import
              </Button>
            }
            title="Undo the whole import?"
            description={`The ${record.createdCount.toLocaleString()} contacts it created are removed and the ${record.updatedCount.toLocaleString()} it updated get their previous values back. Contacts someone has worked on since (edited, merged, given a task, deal or note) are kept as they are.`}
            confirmLabel="Undo import"
            onConfirm={async () => {
              try {
                const result = await undo.mutateAsync({ importId: record.id });
                await invalidate();
                toast.success("Import undone", {
                  description: `${result.removed} removed, ${result.restored} restored${result.kept ? `, ${result.kept} kept because they were changed since` : ""}.`,
                });
              } catch (e) {
                toast.error(apiError(e).message);
              }
            }}
          />
        ) : null}
      </div>
    </section>
  );
}

function History({ current }: { current: string | null }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const list = useQuery(trpc.contactImports.list.queryOptions({ limit: 20 }));
  if (list.isPending) return <Skeleton className="h-24 w-full" />;
  if (list.isError) return <p className="text-sm text-destructive">{apiError(list.error).message}</p>;
  if (list.data.items.length === 0) return null;
  return (
    <section aria-labelledby="history-heading" className="space-y-2">
      <h2 id="history-heading" className="font-semibold">
        Recent imports
      </h2>
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-4">File</TableHead>
              <TableHead>When</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="pr-4 text-right">Created / updated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.items.map((item) => (
              <TableRow key={item.id} aria-current={item.id === current ? "true" : undefined}>
                <TableCell className="pl-4">
                  <Link className="underline-offset-4 hover:underline" href={`${pathname}?import=${item.id}`}>
                    {item.fileName}
                  </Link>
                </TableCell>
                <TableCell>{new Date(item.createdAt).toLocaleString()}</TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[item.status]}>{STATUS_LABELS[item.status]}</Badge>
                </TableCell>
                <TableCell className="pr-4 text-right tabular-nums">
                  {item.createdCount.toLocaleString()} / {item.updatedCount.toLocaleString()}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

/**
 * The contact import wizard. The import's id lives in the URL (?import=…): a reload, or coming
 * back later, shows the same step — the mapping, the running progress, or the finished import.
 */
export function ContactImportView() {
  const trpc = useTRPC();
  const { can, slug } = useOrg();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const importId = params.get("import");
  const record = useQuery({
    ...trpc.contactImports.get.queryOptions({ importId: importId ?? "00000000-0000-0000-0000-000000000000" }),
    enabled: Boolean(importId),
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1_000 : false),
  });
  const queryClient = useQueryClient();
  const status = record.data?.status;
  useEffect(() => {
    // The history and counts change when a run ends.
    if (status && !ACTIVE.has(status)) void queryClient.invalidateQueries({ queryKey: trpc.contactImports.list.pathKey() });
  }, [status, queryClient, trpc]);

  const header = (
    <PageHeader
      title="Import contacts"
      description="Contacts that already exist are updated, not duplicated: they are found by email, phone or external id."
      actions={
        importId ? (
          <Button variant="outline" onClick={() => router.replace(pathname)}>
            <FileUpIcon aria-hidden /> New import
          </Button>
        ) : null
      }
    />
  );

  if (!can("contacts.import")) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState title="Importing is not part of your role" description="Ask an admin of this organization to import contacts." action={<Link href={`/${slug}/contacts`}>Back to contacts</Link>} />
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      {!importId ? <UploadStep onUploaded={(id) => router.replace(`${pathname}?import=${id}`)} /> : null}
      {importId && record.isPending ? <Skeleton className="h-64 w-full" /> : null}
      {importId && record.isError ? (
        <Alert variant="destructive">
          <AlertTitle>This import could not be loaded</AlertTitle>
          <AlertDescription>{apiError(record.error).message}</AlertDescription>
        </Alert>
      ) : null}
      {record.data && importId ? record.data.status === "PREVIEWED" ? <MappingStep key={`${record.data.id}`} record={record.data} /> : <RunStep record={record.data} /> : null}
      <History current={importId} />
    </div>
  );
}
