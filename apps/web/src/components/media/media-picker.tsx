"use client";

/**
 * MediaPicker — a dialog to choose assets from the organization's media library, uploading new
 * ones on the spot (drag & drop or file button; uploads are selected automatically).
 *
 * Props:
 * - `open` / `onOpenChange(open)`: controlled like any dialog.
 * - `onSelect(ids, assets)`: called when the user confirms, with the chosen ids in the order they
 *   were picked, and the assets the picker has loaded for them (an initially selected id that was
 *   never loaded is in `ids` but not in `assets`). The dialog closes itself afterwards.
 * - `selectedIds?`: ids already attached (pre-selected; the user can deselect them).
 * - `max?`: how many may be chosen (e.g. a network's `rules.maxMedia`); `1` makes it a single
 *   choice where clicking another asset replaces the first. Default: no limit.
 * - `kinds?`: `["IMAGE"]`, `["VIDEO"]` or both (default) — filters the library and the uploads.
 * - `canUpload?`: show the upload area (default true; false for roles without media.upload).
 * - `title?`, `description?`, `confirmLabel?`: wording (defaults: "Choose media", …, "Use N").
 *
 * Example (composer):
 *   <MediaPicker open={open} onOpenChange={setOpen} selectedIds={mediaIds} max={rules.maxMedia}
 *     onSelect={(ids) => setMediaIds(ids)} />
 */

import { useMemo, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { CheckIcon, ImageIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { EmptyState } from "@mg/ui/empty-state";
import { cn } from "@mg/ui/lib/utils";
import { Skeleton } from "@mg/ui/skeleton";
import { UpgradePrompt } from "~/components/upgrade-prompt";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import type { MediaKindFilter } from "./limits";
import { MediaDropzone, UploadList } from "./media-dropzone";
import { MediaCaption, MediaThumb } from "./media-tile";
import { StorageUsage } from "./storage-usage";
import { useMediaUpload, type MediaAsset } from "./use-media-upload";

export type { MediaAsset } from "./use-media-upload";

export interface MediaPickerProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSelect: (ids: string[], assets: MediaAsset[]) => void;
  selectedIds?: readonly string[];
  max?: number;
  kinds?: readonly MediaKindFilter[];
  canUpload?: boolean;
  title?: string;
  description?: string;
  confirmLabel?: string;
}

const PAGE_SIZE = 40;

export function MediaPicker(props: MediaPickerProps) {
  const { open, onOpenChange, title = "Choose media", description } = props;
  const kinds = props.kinds ?? ["IMAGE", "VIDEO"];
  const what = kinds.length === 2 ? "images or videos" : kinds[0] === "IMAGE" ? "images" : "videos";
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="flex max-h-[calc(100dvh-2rem)] flex-col sm:max-w-3xl" data-testid="media-picker">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description ?? `Pick ${what} from your library, or upload new ones.${props.max ? ` Up to ${props.max}.` : ""}`}</DialogDescription>
        </DialogHeader>
        {open ? <PickerBody {...props} kinds={kinds} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PickerBody({ onOpenChange, onSelect, selectedIds, max, kinds, confirmLabel, canUpload = true }: MediaPickerProps & { kinds: readonly MediaKindFilter[] }) {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<string[]>(() => [...(selectedIds ?? [])]);
  const [uploaded, setUploaded] = useState<MediaAsset[]>([]);
  const [limitNote, setLimitNote] = useState<string | null>(null);

  const library = useInfiniteQuery(trpc.media.list.infiniteQueryOptions({ limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));

  function toggle(id: string) {
    setLimitNote(null);
    if (selected.includes(id)) setSelected(selected.filter((x) => x !== id));
    else if (max === 1) setSelected([id]);
    else if (max !== undefined && selected.length >= max) setLimitNote(`You can choose up to ${max}. Deselect one first.`);
    else setSelected([...selected, id]);
  }

  const upload = useMediaUpload({
    kinds,
    onUploaded: (asset) => {
      setUploaded((list) => [asset, ...list]);
      setSelected((current) => (current.includes(asset.id) ? current : max === 1 ? [asset.id] : max !== undefined && current.length >= max ? current : [...current, asset.id]));
    },
  });

  const assets = useMemo(() => {
    const seen = new Set<string>();
    const out: MediaAsset[] = [];
    for (const asset of [...uploaded, ...(library.data?.pages.flatMap((p) => p.items) ?? [])]) {
      if (seen.has(asset.id) || !kinds.includes(asset.kind)) continue;
      seen.add(asset.id);
      out.push(asset);
    }
    return out;
  }, [uploaded, library.data, kinds]);

  const usage = library.data?.pages[0]?.usage;
  const storageFull = usage ? usage.limitMb !== null && usage.usedMb >= usage.limitMb : false;

  function confirm() {
    const byId = new Map(assets.map((a) => [a.id, a]));
    onSelect(
      selected,
      selected.flatMap((id) => byId.get(id) ?? []),
    );
    onOpenChange(false);
  }

  return (
    <>
      <div className="-mx-6 grid min-h-0 flex-1 content-start gap-4 overflow-y-auto px-6 py-1">
        {canUpload ? <MediaDropzone onFiles={upload.addFiles} kinds={kinds} compact disabled={storageFull} /> : null}
        {upload.upgrade ? <UpgradePrompt upgrade={upload.upgrade.upgrade} message={upload.upgrade.message} /> : null}
        <UploadList items={upload.items} onDismiss={upload.dismiss} />
        {usage ? <StorageUsage usedMb={usage.usedMb} limitMb={usage.limitMb} /> : null}

        {library.isPending ? (
          <div className="grid grid-cols-3 gap-3 sm:grid-cols-4 md:grid-cols-5" role="status" aria-busy aria-label="Loading media">
            {Array.from({ length: 10 }, (_, i) => (
              <Skeleton key={i} className="aspect-square rounded-lg" />
            ))}
          </div>
        ) : library.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{apiError(library.error).message}</AlertDescription>
          </Alert>
        ) : assets.length === 0 ? (
          <EmptyState icon={<ImageIcon />} titleAs="h3" title="Your library is empty" description="Upload a file above — it will be selected for you." className="p-6 md:p-8" />
        ) : (
          <ul className="grid grid-cols-3 gap-3 sm:grid-cols-4 md:grid-cols-5" aria-label="Media library">
            {assets.map((asset) => {
              const index = selected.indexOf(asset.id);
              const isSelected = index >= 0;
              return (
                <li key={asset.id}>
                  <button
                    type="button"
                    aria-pressed={isSelected}
                    aria-label={`${asset.fileName}${isSelected ? `, selected${max !== 1 ? ` (${index + 1})` : ""}` : ""}`}
                    onClick={() => toggle(asset.id)}
                    className={cn(
                      "group relative grid w-full gap-1.5 rounded-lg p-1 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring",
                      isSelected ? "bg-primary/10 ring-2 ring-primary" : "hover:bg-accent",
                    )}
                    data-testid="media-picker-item"
                  >
                    <MediaThumb asset={asset} />
                    <MediaCaption asset={asset} />
                    <span
                      aria-hidden
                      className={cn(
                        "absolute top-2 right-2 flex size-6 items-center justify-center rounded-full border-2 text-xs font-semibold",
                        isSelected ? "border-primary bg-primary text-primary-foreground" : "border-white/80 bg-black/30 text-transparent",
                      )}
                    >
                      {isSelected ? max === 1 ? <CheckIcon className="size-3.5" /> : index + 1 : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {library.hasNextPage ? (
          <Button type="button" variant="outline" className="justify-self-center" onClick={() => void library.fetchNextPage()} loading={library.isFetchingNextPage}>
            Load more
          </Button>
        ) : null}
      </div>
      <DialogFooter className="items-center border-t pt-4 sm:justify-between">
        <p className={cn("text-sm", limitNote ? "text-destructive" : "text-muted-foreground")} aria-live="polite">
          {limitNote ?? `${selected.length} selected${max ? ` of up to ${max}` : ""}`}
        </p>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="button" onClick={confirm} disabled={upload.busy} data-testid="media-picker-confirm">
            {confirmLabel ?? (selected.length === 0 ? "Use no media" : `Use ${selected.length} ${selected.length === 1 ? "file" : "files"}`)}
          </Button>
        </div>
      </DialogFooter>
    </>
  );
}
