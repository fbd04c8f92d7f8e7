"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { ExternalLinkIcon, ImageIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardContent } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { ConfirmAction } from "~/components/confirm-button";
import { MediaDropzone, UploadList } from "~/components/media/media-dropzone";
import { MediaCaption, MediaThumb } from "~/components/media/media-tile";
import { StorageUsage } from "~/components/media/storage-usage";
import { useMediaUpload, type MediaAsset } from "~/components/media/use-media-upload";
import { UpgradePrompt } from "~/components/upgrade-prompt";
import { apiError } from "~/lib/errors";
import { formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { useQuota } from "../accounts/quota";

const PAGE_SIZE = 40;

function MediaCard({ asset, canDelete }: { asset: MediaAsset; canDelete: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.media.delete.mutationOptions());

  async function onDelete() {
    try {
      await remove.mutateAsync({ mediaId: asset.id });
      toast.success(`Deleted “${asset.fileName}”`);
      await queryClient.invalidateQueries({ queryKey: trpc.media.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() });
    } catch (error) {
      toast.error(apiError(error).message);
      throw error;
    }
  }

  return (
    <li className="group relative grid gap-2 rounded-xl border bg-card p-2 shadow-sm" data-testid="media-item" data-name={asset.fileName}>
      <a href={asset.url} target="_blank" rel="noreferrer" className="rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-ring" aria-label={`Open ${asset.fileName} in a new tab`}>
        <MediaThumb asset={asset} />
      </a>
      <div className="flex items-start gap-1 px-1 pb-1">
        <div className="min-w-0 flex-1">
          <MediaCaption asset={asset} />
          <p className="text-xs text-muted-foreground">{formatDate(asset.createdAt)}</p>
        </div>
        <Button variant="ghost" size="icon-sm" asChild>
          <a href={asset.url} target="_blank" rel="noreferrer" aria-label={`Open ${asset.fileName}`} tabIndex={-1}>
            <ExternalLinkIcon aria-hidden />
          </a>
        </Button>
        {canDelete ? (
          <ConfirmAction
            trigger={
              <Button variant="ghost" size="icon-sm" className="text-muted-foreground hover:text-destructive" aria-label={`Delete ${asset.fileName}`} data-testid="delete-media">
                <Trash2Icon aria-hidden />
              </Button>
            }
            title={`Delete “${asset.fileName}”?`}
            description="It disappears from the library and frees its storage. Posts already published keep it on the networks; media used by a scheduled post cannot be deleted until it is removed from that post."
            confirmLabel="Delete file"
            onConfirm={onDelete}
          />
        ) : null}
      </div>
    </li>
  );
}

export function MediaView() {
  const trpc = useTRPC();
  const { can, org } = useOrg();
  const canUpload = can("media.upload");
  const canDelete = can("media.delete");
  const library = useInfiniteQuery(trpc.media.list.infiniteQueryOptions({ limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const upload = useMediaUpload();
  const quota = useQuota("storageMb");

  const usage = library.data?.pages[0]?.usage;
  const assets = library.data?.pages.flatMap((page) => page.items) ?? [];
  const storageFull = usage ? usage.limitMb !== null && usage.usedMb >= usage.limitMb : quota.full;

  return (
    <div className="grid gap-8">
      <PageHeader title="Media library" description={`Images and videos ${org.name} can attach to posts. Files are checked for type and size before they are stored.`} />

      <Card>
        <CardContent className="grid gap-5">
          {usage ? <StorageUsage usedMb={usage.usedMb} limitMb={usage.limitMb} /> : <Skeleton className="h-8" />}
          {canUpload ? (
            <>
              <MediaDropzone onFiles={upload.addFiles} disabled={storageFull} />
              {storageFull && !upload.upgrade && quota.upgrade ? <UpgradePrompt upgrade={quota.upgrade} message="Your plan’s media storage is full. Delete files you no longer need, or upgrade for more space." /> : null}
              {upload.upgrade ? <UpgradePrompt upgrade={upload.upgrade.upgrade} message={upload.upgrade.message} /> : null}
              <UploadList items={upload.items} onDismiss={upload.dismiss} />
            </>
          ) : (
            <p className="text-sm text-muted-foreground">Your role can use the library but not upload to it.</p>
          )}
        </CardContent>
      </Card>

      <section aria-labelledby="library-heading" className="grid gap-4">
        <h2 id="library-heading" className="text-lg font-semibold tracking-tight">
          Files{assets.length ? <span className="ml-2 text-sm font-normal text-muted-foreground">{library.hasNextPage ? `${assets.length}+` : assets.length}</span> : null}
        </h2>
        {library.isPending ? (
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" role="status" aria-busy aria-label="Loading media">
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} className="aspect-[4/5] rounded-xl" />
            ))}
          </div>
        ) : library.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{apiError(library.error).message}</AlertDescription>
          </Alert>
        ) : assets.length === 0 ? (
          <EmptyState
            icon={<ImageIcon />}
            titleAs="h3"
            title="No media yet"
            description={canUpload ? "Upload images and videos once, then reuse them in any post. Drop files above or choose them from your device." : "Nothing has been uploaded yet."}
          />
        ) : (
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" data-testid="media-grid">
            {assets.map((asset) => (
              <MediaCard key={asset.id} asset={asset} canDelete={canDelete} />
            ))}
          </ul>
        )}
        {library.hasNextPage ? (
          <Button variant="outline" className="justify-self-center" onClick={() => void library.fetchNextPage()} loading={library.isFetchingNextPage}>
            Load more
          </Button>
        ) : null}
      </section>
    </div>
  );
}
