"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CopyIcon, ExternalLinkIcon, LayoutTemplateIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { formatWhen, publicPageUrl } from "./page-links";
import { NewPageDialog } from "./template-picker";

type PageRow = inferRouterOutputs<AppRouter>["pages"]["list"][number];

export function PageStatus({ page }: { page: Pick<PageRow, "live" | "status" | "publishAt" | "unpublishAt"> }) {
  return (
    <span className="flex flex-wrap gap-1">
      {page.live ? <Badge variant="success">Live</Badge> : <Badge variant="secondary">{page.status === "UNPUBLISHED" ? "Unpublished" : "Draft"}</Badge>}
      {page.publishAt ? <Badge variant="outline">Publishes {formatWhen(page.publishAt.at)}</Badge> : null}
      {page.unpublishAt ? <Badge variant="outline">Unpublishes {formatWhen(page.unpublishAt.at)}</Badge> : null}
    </span>
  );
}

/** /[org]/pages: the organization's landing pages, a template picker to start one, duplicate and delete with undo. */
export function PagesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const pages = useQuery(trpc.pages.list.queryOptions({}));
  const duplicate = useMutation(trpc.pages.duplicate.mutationOptions());
  const remove = useMutation(trpc.pages.delete.mutationOptions());
  const restore = useMutation(trpc.pages.restore.mutationOptions());
  const [creating, setCreating] = useState(false);
  const editable = can("pages.edit");
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.pages.list.queryKey() });

  async function onDuplicate(page: PageRow) {
    try {
      const copy = await duplicate.mutateAsync({ pageId: page.id });
      await invalidate();
      toast.success(`Duplicated as “${copy.name}”`);
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  async function onDelete(page: PageRow) {
    try {
      await remove.mutateAsync({ pageId: page.id });
      await invalidate();
      toast.success(`Deleted “${page.name}”${page.live ? " — it is offline now" : ""}`, {
        action: {
          label: "Undo",
          onClick: () =>
            void restore
              .mutateAsync({ pageId: page.id })
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

  const header = (
    <PageHeader
      title="Landing pages"
      description="Pages in your branding that load instantly, with your lead forms. Visitors only ever see the published version."
      actions={
        editable ? (
          <Button onClick={() => setCreating(true)} data-testid="new-page">
            <PlusIcon aria-hidden /> New page
          </Button>
        ) : null
      }
    />
  );

  let body;
  if (pages.isError)
    body = (
      <Alert variant="destructive">
        <AlertDescription>{apiError(pages.error).message}</AlertDescription>
      </Alert>
    );
  else if (pages.isPending)
    body = (
      <div className="grid gap-2" role="status" aria-label="Loading pages">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    );
  else if (pages.data.length === 0)
    body = (
      <EmptyState
        icon={<LayoutTemplateIcon />}
        title="No landing pages yet"
        description="Start from a template for bakeries, clinics, agencies, B2B, fitness studios or restaurants, add your form, and publish."
        action={
          editable ? (
            <Button onClick={() => setCreating(true)}>
              <PlusIcon aria-hidden /> New page
            </Button>
          ) : null
        }
      />
    );
  else
    body = (
      <Card className="overflow-x-auto p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Page</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {pages.data.map((page) => (
              <TableRow key={page.id} data-testid={`page-row-${page.slug}`}>
                <TableCell>
                  <Link href={`/${slug}/pages/${page.id}/edit`} className="font-medium hover:underline">
                    {page.name}
                  </Link>
                  <div className="text-xs text-muted-foreground">/p/{slug}/{page.slug}</div>
                </TableCell>
                <TableCell>
                  <PageStatus page={page} />
                </TableCell>
                <TableCell className="text-sm text-muted-foreground">{formatWhen(page.updatedAt)}</TableCell>
                <TableCell>
                  <div className="flex justify-end gap-1">
                    {page.live ? (
                      <Button asChild variant="ghost" size="icon" title="Open the live page">
                        <a href={publicPageUrl(slug, page.slug)} target="_blank" rel="noreferrer" aria-label={`Open the live page ${page.name} (new tab)`}>
                          <ExternalLinkIcon aria-hidden />
                        </a>
                      </Button>
                    ) : null}
                    <Button asChild variant="ghost" size="icon" title="Edit">
                      <Link href={`/${slug}/pages/${page.id}/edit`} aria-label={`Edit ${page.name}`}>
                        <PencilIcon aria-hidden />
                      </Link>
                    </Button>
                    {editable ? (
                      <>
                        <Button variant="ghost" size="icon" title="Duplicate" aria-label={`Duplicate ${page.name}`} onClick={() => void onDuplicate(page)} disabled={duplicate.isPending}>
                          <CopyIcon aria-hidden />
                        </Button>
                        <Button variant="ghost" size="icon" title="Delete" aria-label={`Delete ${page.name}`} onClick={() => void onDelete(page)} disabled={remove.isPending}>
                          <Trash2Icon aria-hidden />
                        </Button>
                      </>
                    ) : null}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    );

  return (
    <div className="grid gap-6">
      {header}
      {body}
      {editable ? <NewPageDialog open={creating} onOpenChange={setCreating} /> : null}
    </div>
  );
}
