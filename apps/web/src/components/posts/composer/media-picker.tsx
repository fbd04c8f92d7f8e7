"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, FilmIcon, ImageIcon, ImagePlusIcon, UploadIcon, XIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@mg/ui/dialog";
import { EmptyState } from "@mg/ui/empty-state";
import { cn } from "@mg/ui/lib/utils";
import { Skeleton } from "@mg/ui/skeleton";
import { toast } from "sonner";
import { Progress } from "~/components/progress";
import { apiError } from "~/lib/errors";
import { onUploadProgress, useTRPC } from "~/trpc/client";
import type { MediaItem } from "../types";
import type { MediaForValidation } from "./validate";

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A thumbnail of an image or a video's first frame. */
export function MediaThumb({ item, className }: { item: Pick<MediaForValidation, "url" | "kind"> & { fileName?: string }; className?: string }) {
  return item.kind === "VIDEO" ? (
    <span className={cn("relative block overflow-hidden rounded-md bg-muted", className)}>
      <video src={item.url} muted preload="metadata" className="size-full object-cover" aria-hidden />
      <FilmIcon className="absolute right-1 bottom-1 size-4 rounded bg-background/80 p-0.5" aria-label="Video" />
    </span>
  ) : (
    // Library files may live on uploadthing or local disk: a plain <img> needs no host allow-list.
    // eslint-disable-next-line @next/next/no-img-element
    <img src={item.url} alt={item.fileName ?? ""} loading="lazy" className={cn("rounded-md bg-muted object-cover", className)} />
  );
}

/** The media attached to a post or a variant, each removable. */
export function MediaStrip({ ids, media, onRemove, disabled }: { ids: readonly string[]; media: ReadonlyMap<string, MediaForValidation & { fileName?: string }>; onRemove: (id: string) => void; disabled?: boolean }) {
  if (ids.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Attached media">
      {ids.map((id) => {
        const item = media.get(id);
        return (
          <li key={id} className="group/media relative">
            {item ? <MediaThumb item={item} className="size-20" /> : <Skeleton className="size-20" />}
            {disabled ? null : (
              <Button
                type="button"
                variant="secondary"
                size="icon-sm"
                className="absolute -top-2 -right-2 size-6 rounded-full shadow"
                aria-label={`Remove ${item?.fileName ?? "media"}`}
                onClick={() => onRemove(id)}
              >
                <XIcon aria-hidden />
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Pick from the organization's library or upload new files (with progress); the chosen ids come
 * back through `onConfirm`. Uploaded files are selected straight away.
 */
export function MediaPicker({
  selected,
  onConfirm,
  onKnown,
  canUpload,
  accept,
  triggerLabel = "Add media",
  disabled,
}: {
  selected: readonly string[];
  onConfirm: (ids: string[]) => void;
  /** Media seen by the picker (listed or uploaded), so thumbnails and validation know them. */
  onKnown: (items: MediaItem[]) => void;
  canUpload: boolean;
  accept: string;
  triggerLabel?: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm" disabled={disabled} className="justify-self-start">
          <ImagePlusIcon aria-hidden /> {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        {open ? (
          <PickerBody
            initial={selected}
            canUpload={canUpload}
            accept={accept}
            onKnown={onKnown}
            onDone={(ids) => {
              onConfirm(ids);
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function PickerBody({ initial, canUpload, accept, onKnown, onDone, onCancel }: { initial: readonly string[]; canUpload: boolean; accept: string; onKnown: (items: MediaItem[]) => void; onDone: (ids: string[]) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([...initial]);
  const [uploading, setUploading] = useState<{ name: string; progress: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const library = useInfiniteQuery(trpc.media.list.infiniteQueryOptions({ limit: 40 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const upload = useMutation(trpc.media.upload.mutationOptions());
  const items = library.data?.pages.flatMap((p) => p.items) ?? [];
  const usage = library.data?.pages[0]?.usage;

  function toggle(id: string) {
    setChosen((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  }

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = "";
    const uploaded: MediaItem[] = [];
    for (const file of files) {
      setUploading({ name: file.name, progress: 0 });
      const form = new FormData();
      form.set("file", file);
      try {
        const asset = await upload.mutateAsync(onUploadProgress(form, (fraction) => setUploading({ name: file.name, progress: fraction })));
        uploaded.push(asset);
      } catch (error) {
        toast.error(apiError(error).message);
      }
    }
    setUploading(null);
    if (uploaded.length) {
      onKnown(uploaded);
      setChosen((current) => [...current, ...uploaded.map((a) => a.id)]);
      toast.success(uploaded.length === 1 ? `Uploaded ${uploaded[0]?.fileName ?? "the file"}` : `Uploaded ${uploaded.length} files`);
      await queryClient.invalidateQueries({ queryKey: trpc.media.list.pathKey() });
    }
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Media library</DialogTitle>
        <DialogDescription>
          Choose images or videos for this post{usage ? ` · ${usage.usedMb} MB used${usage.limitMb !== null ? ` of ${usage.limitMb} MB` : ""}` : ""}.
        </DialogDescription>
      </DialogHeader>
      {canUpload ? (
        <div className="grid gap-2">
          <input ref={fileInput} type="file" multiple accept={accept} className="sr-only" onChange={onFiles} aria-label="Upload files" tabIndex={-1} />
          <Button type="button" variant="outline" onClick={() => fileInput.current?.click()} loading={uploading !== null} className="justify-self-start">
            <UploadIcon aria-hidden /> Upload files
          </Button>
          {uploading ? <Progress value={Math.round(uploading.progress * 100)} max={100} label={`Uploading ${uploading.name}`} /> : null}
        </div>
      ) : null}
      <div className="max-h-[50vh] overflow-y-auto">
        {library.isPending ? (
          <div className="grid grid-cols-3 gap-2 sm:grid-cols-4" aria-busy aria-label="Loading media">
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} className="aspect-square" />
            ))}
          </div>
        ) : items.length === 0 ? (
          <EmptyState icon={<ImageIcon />} titleAs="h3" title="No media yet" description={canUpload ? "Upload an image or a video to use it in posts." : "Ask a teammate to upload images or videos."} className="p-6 md:p-6" />
        ) : (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
            {items.map((item) => {
              const on = chosen.includes(item.id);
              return (
                <li key={item.id}>
                  <button
                    type="button"
                    role="checkbox"
                    aria-checked={on}
                    onClick={() => {
                      onKnown([item]);
                      toggle(item.id);
                    }}
                    className={cn("group/pick relative block w-full overflow-hidden rounded-lg border-2 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring", on ? "border-primary" : "border-transparent")}
                  >
                    <MediaThumb item={item} className="aspect-square w-full" />
                    <span className="block truncate px-1 py-0.5 text-xs">{item.fileName}</span>
                    <span className="block px-1 pb-1 text-[0.6875rem] text-muted-foreground">{formatSize(item.sizeBytes)}</span>
                    {on ? (
                      <span className="absolute top-1 right-1 flex size-5 items-center justify-center rounded-full bg-primary text-primary-foreground" aria-hidden>
                        <CheckIcon className="size-3.5" />
                      </span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {library.hasNextPage ? (
          <Button type="button" variant="ghost" size="sm" className="mt-2" onClick={() => void library.fetchNextPage()} loading={library.isFetchingNextPage}>
            Load more
          </Button>
        ) : null}
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="button" onClick={() => onDone(chosen)}>
          Use {chosen.length} item{chosen.length === 1 ? "" : "s"}
        </Button>
      </DialogFooter>
    </>
  );
}
