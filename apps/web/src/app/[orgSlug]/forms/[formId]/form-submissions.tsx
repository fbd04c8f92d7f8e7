"use client";

import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { DownloadIcon, InboxIcon, RotateCcwIcon } from "lucide-react";
import { toast } from "sonner";
import type { FormDefinition } from "@mg/api/schemas/forms";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { Label } from "@mg/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { QueryStates } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { NativeSelect } from "./native-select";

const STATUS_LABEL = { RECEIVED: "Waiting", PROCESSED: "Contact saved", FAILED: "Failed" } as const;
const STATUS_VARIANT = { RECEIVED: "secondary", PROCESSED: "success", FAILED: "destructive" } as const;

/** The Submissions tab: newest first, with their processing state; failed ones can run again. Values are shown as text. */
export function FormSubmissions({ formId, definition }: { formId: string; definition: FormDefinition }) {
  const { slug, can } = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<"" | "RECEIVED" | "PROCESSED" | "FAILED">("");
  const query = useInfiniteQuery(
    trpc.forms.submissions.infiniteQueryOptions({ formId, limit: 25, ...(status ? { status } : {}) }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const reprocess = useMutation(trpc.forms.reprocess.mutationOptions());
  const exportCsv = useMutation(trpc.forms.exportCsv.mutationOptions());
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const fields = definition.steps.flatMap((s) => s.fields);
  const labels = new Map(fields.map((f) => [f.id, f.label]));
  const order = new Map(fields.map((f, i) => [f.id, i]));
  const optionLabel = (key: string, value: string) => fields.find((f) => f.id === key)?.options?.find((o) => o.value === value)?.label ?? value;
  // In the form's own order, with option labels; fields only older revisions had come last.
  const answers = (values: Record<string, string | string[]>) =>
    Object.entries(values)
      .sort(([a], [b]) => (order.get(a) ?? 1_000) - (order.get(b) ?? 1_000))
      .map(([key, value]) => [key, (Array.isArray(value) ? value : [value]).map((v) => optionLabel(key, v)).join(", ")] as const);

  async function download() {
    try {
      const file = await exportCsv.mutateAsync({ formId });
      const url = URL.createObjectURL(new Blob([file.csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = file.fileName;
      a.click();
      URL.revokeObjectURL(url);
      toast.success(`Exported ${file.rows} submissions`);
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  async function runAgain(submissionId: string) {
    try {
      await reprocess.mutateAsync({ formId, submissionId });
      toast.success("Sent to processing again");
      await queryClient.invalidateQueries({ queryKey: trpc.forms.submissions.pathKey() });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="submission-status">Show</Label>
          <NativeSelect id="submission-status" className="w-48" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">All submissions</option>
            <option value="RECEIVED">Waiting</option>
            <option value="PROCESSED">Contact saved</option>
            <option value="FAILED">Failed</option>
          </NativeSelect>
        </div>
        {can("forms.export") ? (
          <Button variant="outline" onClick={() => void download()} disabled={exportCsv.isPending}>
            <DownloadIcon aria-hidden /> {exportCsv.isPending ? "Exporting…" : "Export CSV"}
          </Button>
        ) : null}
      </div>
      <QueryStates
        query={query}
        loadingLabel="Loading submissions"
        isEmpty={rows.length === 0}
        empty={<EmptyState icon={<InboxIcon aria-hidden />} title="No submissions yet" description="Share the form's link or embed it: each submission shows up here and becomes a contact." />}
      >
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Received</TableHead>
              <TableHead>Answers</TableHead>
              <TableHead>State</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-testid="submission-row">
                <TableCell className="whitespace-nowrap">{new Date(row.receivedAt).toLocaleString()}</TableCell>
                <TableCell>
                  <dl className="grid gap-0.5 text-sm">
                    {answers(row.values).map(([key, value]) => (
                      <div key={key} className="flex gap-1">
                        <dt className="text-muted-foreground">{labels.get(key) ?? key}:</dt>
                        <dd className="break-all">{value}</dd>
                      </div>
                    ))}
                  </dl>
                </TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[row.status]}>{STATUS_LABEL[row.status]}</Badge>
                  {row.confirmedAt ? (
                    <Badge variant="outline" className="ml-1">
                      Confirmed
                    </Badge>
                  ) : null}
                  {row.lastError ? <p className="mt-1 max-w-xs text-xs text-destructive">{row.lastError}</p> : null}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap">
                  {row.contactId ? (
                    <Button variant="link" asChild>
                      <Link href={`/${slug}/contacts/${row.contactId}`}>Open contact</Link>
                    </Button>
                  ) : null}
                  {row.status !== "PROCESSED" && can("forms.edit") ? (
                    <Button variant="outline" size="sm" onClick={() => void runAgain(row.id)} disabled={reprocess.isPending}>
                      <RotateCcwIcon aria-hidden /> Process again
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {query.hasNextPage ? (
          <div>
            <Button variant="outline" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </div>
        ) : null}
      </QueryStates>
    </div>
  );
}
