"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, FileDownIcon, RotateCwIcon, XIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { ConfirmAction } from "~/components/confirm-button";
import { Progress } from "~/components/progress";
import { QueryStates } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { formatDate, formatRelative } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { countOf, exportDownloadUrl, OBJECT_NOUNS, type CrmExportRow } from "./export-ui";

const STATUS_LABEL: Record<CrmExportRow["status"], { label: string; variant: "default" | "secondary" | "destructive" | "outline" }> = {
  QUEUED: { label: "Waiting", variant: "outline" },
  RUNNING: { label: "Preparing", variant: "secondary" },
  DONE: { label: "Ready", variant: "default" },
  FAILED: { label: "Stopped", variant: "destructive" },
  CANCELLED: { label: "Cancelled", variant: "outline" },
  EXPIRED: { label: "Expired", variant: "outline" },
};

const IN_PROGRESS = new Set<CrmExportRow["status"]>(["QUEUED", "RUNNING"]);

/**
 * The member's own CSV exports of contacts, companies and deals: progress while one is prepared
 * (polled), the file while it lasts (7 days), cancel and try again. Each export holds what its
 * requester could see, so nobody sees another member's.
 */
export function ExportsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const list = useQuery({
    ...trpc.crmExports.list.queryOptions({ limit: 50 }),
    refetchInterval: (query) => (query.state.data?.some((e) => IN_PROGRESS.has(e.status)) ? 1_500 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.crmExports.list.queryKey() });
  const cancel = useMutation(trpc.crmExports.cancel.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(apiError(e).message) }));
  const resume = useMutation(trpc.crmExports.resume.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(apiError(e).message) }));
  const rows = list.data ?? [];

  return (
    <div className="grid gap-6">
      <PageHeader title="Exports" description="CSV files of your contacts, companies and deals. Large ones are prepared in the background; each file can be downloaded for 7 days." />
      <QueryStates
        query={list}
        loadingLabel="Loading exports"
        rows={3}
        errorTitle="Your exports could not be loaded"
        isEmpty={rows.length === 0}
        empty={
          <EmptyState
            icon={<FileDownIcon />}
            title="No exports yet"
            description="Use Export on contacts, a segment, a list, companies or deals. Files you export appear here."
            data-testid="exports-empty"
          />
        }
      >
        <Card className="gap-0 py-0">
          <Table data-testid="exports-table" containerProps={{ tabIndex: 0, role: "region", "aria-label": "Exports" }}>
            <TableHeader>
              <TableRow>
                <TableHead className="pl-4">File</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Rows</TableHead>
                <TableHead>Asked</TableHead>
                <TableHead className="pr-4 text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => {
                const status = STATUS_LABEL[row.status];
                return (
                  <TableRow key={row.id} data-testid="export-row">
                    <TableCell className="pl-4">
                      <div className="font-medium break-all">{row.fileName}</div>
                      <div className="text-xs text-muted-foreground capitalize">{OBJECT_NOUNS[row.object][1]}</div>
                    </TableCell>
                    <TableCell className="min-w-40">
                      <Badge variant={status.variant}>{status.label}</Badge>
                      {IN_PROGRESS.has(row.status) ? (
                        <Progress className="mt-2" value={row.processedRows} max={row.totalRows} label={`${row.fileName}: ${row.percent}% prepared`} />
                      ) : null}
                      {row.problem ? <p className="mt-1 text-xs text-muted-foreground">{row.problem}</p> : null}
                      {row.status === "DONE" ? <p className="mt-1 text-xs text-muted-foreground">Until {formatDate(row.expiresAt)}</p> : null}
                    </TableCell>
                    <TableCell className="tabular-nums">{IN_PROGRESS.has(row.status) ? `${countOf(row.object, row.processedRows)} of ${row.totalRows.toLocaleString("en")}` : countOf(row.object, row.status === "DONE" ? row.processedRows : row.totalRows)}</TableCell>
                    <TableCell>
                      <time dateTime={row.createdAt.toISOString()} title={row.createdAt.toLocaleString()}>
                        {formatRelative(row.createdAt)}
                      </time>
                    </TableCell>
                    <TableCell className="pr-4">
                      <div className="flex flex-wrap justify-end gap-2">
                        {row.downloadable ? (
                          <Button size="sm" asChild>
                            <a href={exportDownloadUrl(slug, row.id)} download aria-label={`Download ${row.fileName}`}>
                              <DownloadIcon aria-hidden /> Download
                            </a>
                          </Button>
                        ) : null}
                        {row.status === "FAILED" ? (
                          <Button size="sm" variant="outline" onClick={() => resume.mutate({ exportId: row.id })} disabled={resume.isPending}>
                            <RotateCwIcon aria-hidden /> Try again
                          </Button>
                        ) : null}
                        {IN_PROGRESS.has(row.status) || row.status === "FAILED" ? (
                          <ConfirmAction
                            trigger={
                              <Button size="sm" variant="ghost" aria-label={`Cancel ${row.fileName}`}>
                                <XIcon aria-hidden /> Cancel
                              </Button>
                            }
                            title="Cancel this export?"
                            description="What was prepared so far is deleted. Your records are not touched, and you can export again at any time."
                            confirmLabel="Cancel export"
                            onConfirm={() => cancel.mutateAsync({ exportId: row.id }).then(() => undefined)}
                          />
                        ) : null}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      </QueryStates>
    </div>
  );
}
