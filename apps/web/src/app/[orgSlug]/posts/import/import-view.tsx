"use client";

import { useRef, useState, type DragEvent } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2Icon, DownloadIcon, FileSpreadsheetIcon, FileUpIcon, Undo2Icon, XCircleIcon } from "lucide-react";
import { toast } from "sonner";
import { describeRolesWith } from "@mg/api/rbac";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { cn } from "@mg/ui/lib/utils";
import { Spinner } from "@mg/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { Progress } from "~/components/progress";
import { shortAccountLabel } from "~/components/posts/network-badge";
import { rowErrorsOf, type RowError } from "~/components/posts/schedule-problem";
import { useNow } from "~/components/posts/use-now";
import { ZoneNote } from "~/components/posts/zone-note";
import { apiError } from "~/lib/errors";
import { addDays, todayIn } from "~/lib/scheduling-ui";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { PostPageHeader } from "../post-page-header";
import { checkRows, fileRefusal, headerErrors, MAX_ROWS, parseCsvFile, rowCountProblem, rowProblemSummary, templateCsv, TEMPLATE_COLUMNS } from "./csv-check";

const SHOWN_ERRORS = 200;

type Phase =
  | { kind: "idle" }
  | { kind: "reading"; fileName: string; progress: number }
  | { kind: "checking"; fileName: string; rows: number; progress: number }
  | { kind: "ready"; file: File; rows: number }
  | { kind: "invalid"; fileName: string; rows: number; errors: RowError[]; source: "browser" | "server"; message: string }
  | { kind: "importing"; fileName: string; rows: number }
  | { kind: "done"; fileName: string; batchId: string; rowCount: number; undone: number | null };

const COLUMN_HELP: Record<(typeof TEMPLATE_COLUMNS)[number], string> = {
  content: "The post’s text (required).",
  accounts: "Accounts by @handle, name or id; several separated by | (required).",
  date: "YYYY-MM-DD (required).",
  time: "HH:mm, 24-hour (required).",
  timezone: "IANA zone such as Europe/London; empty = the organization’s zone.",
  labels: "Separated by |.",
  campaign: "A campaign’s name (optional).",
  first_comment: "Optional first comment.",
};

function ErrorTable({ errors }: { errors: RowError[] }) {
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <div className="overflow-hidden rounded-lg border">
      <div className="max-h-96 overflow-auto">
        <Table data-testid="import-errors">
          <TableHeader className="sticky top-0 bg-card">
            <TableRow>
              <TableHead className="w-20 pl-4">Row</TableHead>
              <TableHead className="w-36">Column</TableHead>
              <TableHead className="pr-4">Problem</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((error, i) => (
              <TableRow key={i}>
                <TableCell className="pl-4 tabular-nums">{error.row === 0 ? "Header" : error.row}</TableCell>
                <TableCell className="font-mono text-xs">{error.column}</TableCell>
                <TableCell className="pr-4 whitespace-normal">{error.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {errors.length > shown.length ? <p className="border-t px-4 py-2 text-sm text-muted-foreground">…and {errors.length - shown.length} more.</p> : null}
    </div>
  );
}

/**
 * Bulk scheduling from a spreadsheet: read and check in the browser (with progress), then one
 * all-or-nothing import on the server, reported per row; a finished import can be undone.
 */
export function ImportView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, slug, can } = useOrg();
  const now = useNow(60_000);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const accounts = useQuery(trpc.socialAccounts.list.queryOptions());
  const campaigns = useQuery(trpc.campaigns.list.queryOptions({}));
  const networks = useQuery(trpc.socialAccounts.networks.queryOptions());
  const importCsv = useMutation(trpc.posts.importCsv.mutationOptions());
  const undo = useMutation(trpc.posts.undoImport.mutationOptions());
  const allowed = can("posts.schedule");

  function downloadTemplate() {
    const first = accounts.data?.find((a) => a.status === "CONNECTED");
    const csv = templateCsv({
      account: first ? shortAccountLabel(first) : "@your-handle",
      date: addDays(todayIn(org.timezone, now), 1),
      timezone: org.timezone,
      campaign: campaigns.data?.[0]?.name ?? null,
    });
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "posts-template.csv";
    link.click();
    URL.revokeObjectURL(url);
  }

  async function onFile(file: File) {
    const refusal = fileRefusal(file);
    if (refusal) {
      toast.error(refusal);
      return;
    }
    setPhase({ kind: "reading", fileName: file.name, progress: 0 });
    try {
      const parsed = await parseCsvFile(file, (progress) => setPhase({ kind: "reading", fileName: file.name, progress }));
      const rows = parsed.rows.length;
      const header = headerErrors(parsed.headers);
      if (header.length) {
        setPhase({ kind: "invalid", fileName: file.name, rows, errors: header, source: "browser", message: "The file’s header is not what the import expects." });
        return;
      }
      const countProblem = rowCountProblem(rows);
      if (countProblem) {
        setPhase({ kind: "invalid", fileName: file.name, rows, errors: [], source: "browser", message: countProblem });
        return;
      }
      setPhase({ kind: "checking", fileName: file.name, rows, progress: 0 });
      const errors = await checkRows(
        parsed.rows,
        {
          timezone: org.timezone,
          accounts: accounts.data ?? [],
          campaigns: (campaigns.data ?? []).filter((c) => !c.archivedAt),
          now: new Date(),
          networks: new Map((networks.data ?? []).map((n) => [n.network, n])),
        },
        (progress) =>
        setPhase({ kind: "checking", fileName: file.name, rows, progress }),
      );
      if (errors.length) {
        setPhase({ kind: "invalid", fileName: file.name, rows, errors, source: "browser", message: rowProblemSummary(errors, rows) });
        return;
      }
      setPhase({ kind: "ready", file, rows });
    } catch (error) {
      setPhase({ kind: "idle" });
      toast.error(error instanceof Error ? error.message : "Could not read the file.");
    }
  }

  async function runImport(file: File, rows: number) {
    setPhase({ kind: "importing", fileName: file.name, rows });
    try {
      const result = await importCsv.mutateAsync({ fileName: file.name, csv: await file.text() });
      setPhase({ kind: "done", fileName: file.name, batchId: result.batchId, rowCount: result.rowCount, undone: null });
      toast.success(`Imported ${result.rowCount.toLocaleString("en-US")} posts`);
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
    } catch (error) {
      const info = apiError(error);
      setPhase({ kind: "invalid", fileName: file.name, rows, errors: rowErrorsOf(error) ?? [], source: "server", message: info.message });
    }
  }

  async function runUndo(batchId: string) {
    if (phase.kind !== "done") return;
    try {
      const result = await undo.mutateAsync({ batchId });
      setPhase({ ...phase, undone: result.removed });
      toast.success(`Removed ${result.removed.toLocaleString("en-US")} imported posts`);
      await queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void onFile(file);
  }

  const busy = phase.kind === "reading" || phase.kind === "checking" || phase.kind === "importing";

  return (
    <div className="grid gap-6">
      <PostPageHeader slug={slug} title="Import posts from CSV" description="Schedule a whole content plan at once. Every row is checked first; if any row has a problem, nothing is imported." />

      {!allowed ? (
        <Alert variant="warning">
          <AlertTitle>Importing is for {describeRolesWith("posts.schedule")}</AlertTitle>
          <AlertDescription>Imported posts are scheduled straight away, so your role cannot import them.</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Your file</CardTitle>
            <CardDescription>A .csv file with one post per row, up to {MAX_ROWS.toLocaleString("en-US")} rows.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <div
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={allowed && !busy ? onDrop : (e) => e.preventDefault()}
              className={cn("flex flex-col items-center gap-3 rounded-xl border-2 border-dashed p-8 text-center transition-colors", dragging ? "border-primary bg-primary/5" : "border-border")}
            >
              <FileSpreadsheetIcon className="size-8 text-muted-foreground" aria-hidden />
              <p className="text-sm text-muted-foreground">Drop a CSV file here, or</p>
              <input
                ref={input}
                type="file"
                accept=".csv,text/csv"
                className="sr-only"
                tabIndex={-1}
                aria-label="CSV file"
                data-testid="csv-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = "";
                  if (file) void onFile(file);
                }}
              />
              <Button type="button" onClick={() => input.current?.click()} disabled={!allowed || busy}>
                <FileUpIcon aria-hidden /> Choose file
              </Button>
            </div>

            {phase.kind === "reading" ? (
              <div className="grid gap-2" aria-live="polite">
                <p className="text-sm">Reading {phase.fileName}…</p>
                <Progress value={Math.round(phase.progress * 100)} max={100} label="Reading the file" />
              </div>
            ) : null}
            {phase.kind === "checking" ? (
              <div className="grid gap-2" aria-live="polite">
                <p className="text-sm">Checking {phase.rows.toLocaleString("en-US")} rows…</p>
                <Progress value={Math.round(phase.progress * 100)} max={100} label="Checking rows" />
              </div>
            ) : null}
            {phase.kind === "ready" ? (
              <Alert variant="success" icon={<CheckCircle2Icon aria-hidden />}>
                <AlertTitle>
                  {phase.file.name}: {phase.rows.toLocaleString("en-US")} post{phase.rows === 1 ? "" : "s"} ready
                </AlertTitle>
                <AlertDescription className="grid gap-3">
                  <span>Every row looks right. They will be scheduled as soon as you import.</span>
                  <span className="flex flex-wrap gap-2">
                    <Button onClick={() => void runImport(phase.file, phase.rows)}>Import {phase.rows.toLocaleString("en-US")} posts</Button>
                    <Button variant="ghost" onClick={() => setPhase({ kind: "idle" })}>
                      Choose another file
                    </Button>
                  </span>
                </AlertDescription>
              </Alert>
            ) : null}
            {phase.kind === "importing" ? (
              <div className="grid gap-2" aria-live="polite" data-testid="import-progress">
                <p className="flex items-center gap-2 text-sm">
                  <Spinner label="" /> Importing {phase.rows.toLocaleString("en-US")} posts…
                </p>
                {/* Indeterminate: the server checks and inserts in one transaction, with nothing to count meanwhile. */}
                <div role="progressbar" aria-label="Importing" className="h-2 overflow-hidden rounded-full bg-muted">
                  <div className="h-full w-full animate-pulse rounded-full bg-primary/70" />
                </div>
              </div>
            ) : null}
            {phase.kind === "invalid" ? (
              <div className="grid gap-3" data-testid="import-invalid">
                <Alert variant="destructive" icon={<XCircleIcon aria-hidden />}>
                  <AlertTitle>Nothing was imported</AlertTitle>
                  <AlertDescription>
                    {phase.fileName}: {phase.message.replace(/\s*Nothing was imported[^.]*\.?/i, "")} Fix the rows below in your spreadsheet and choose the file again.
                  </AlertDescription>
                </Alert>
                {phase.errors.length ? <ErrorTable errors={phase.errors} /> : null}
              </div>
            ) : null}
            {phase.kind === "done" ? (
              <Alert variant={phase.undone === null ? "success" : "default"} data-testid="import-done">
                <AlertTitle>
                  {phase.undone === null
                    ? `Imported ${phase.rowCount.toLocaleString("en-US")} post${phase.rowCount === 1 ? "" : "s"} from ${phase.fileName}`
                    : `Import undone: ${phase.undone.toLocaleString("en-US")} post${phase.undone === 1 ? "" : "s"} removed`}
                </AlertTitle>
                <AlertDescription className="grid gap-3">
                  <span>{phase.undone === null ? "They are scheduled and on the calendar." : "Posts that had already gone out were kept."}</span>
                  <span className="flex flex-wrap gap-2">
                    {phase.undone === null ? (
                      <>
                        <Button asChild>
                          <Link href={`/${slug}/calendar?view=list`}>Open the calendar</Link>
                        </Button>
                        <Button variant="outline" onClick={() => void runUndo(phase.batchId)} loading={undo.isPending}>
                          <Undo2Icon aria-hidden /> Undo import
                        </Button>
                      </>
                    ) : null}
                    <Button variant="ghost" onClick={() => setPhase({ kind: "idle" })}>
                      Import another file
                    </Button>
                  </span>
                </AlertDescription>
              </Alert>
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Template</CardTitle>
            <CardDescription>Start from the template so the columns are right.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <Button variant="outline" onClick={downloadTemplate} className="justify-self-start">
              <DownloadIcon aria-hidden /> Download template
            </Button>
            <dl className="grid gap-2 text-sm">
              {TEMPLATE_COLUMNS.map((column) => (
                <div key={column}>
                  <dt className="font-mono text-xs font-semibold">{column}</dt>
                  <dd className="text-muted-foreground">{COLUMN_HELP[column]}</dd>
                </div>
              ))}
              <div>
                <dt className="font-mono text-xs font-semibold">disambiguation</dt>
                <dd className="text-muted-foreground">Only for a time that happens twice when clocks go back: earlier or later.</dd>
              </div>
            </dl>
            <ZoneNote timezone={org.timezone} now={now} prefix="Rows without a timezone use" />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
