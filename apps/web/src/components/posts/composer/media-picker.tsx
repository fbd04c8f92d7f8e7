"use client";

import { useState } from "react";
import { FilmIcon, ImagePlusIcon, XIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { cn } from "@mg/ui/lib/utils";
import { Skeleton } from "@mg/ui/skeleton";
import { MediaPicker as LibraryMediaPicker } from "~/components/media/media-picker";
import type { MediaItem } from "../types";
import type { MediaForValidation } from "./validate";

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

/** The composer's "Add media" button over the shared library picker (which also uploads). */
export function MediaPicker({
  selected,
  onConfirm,
  onKnown,
  canUpload,
  max,
  triggerLabel = "Add media",
  disabled,
}: {
  selected: readonly string[];
  onConfirm: (ids: string[]) => void;
  /** Media seen by the picker, so thumbnails and validation know them. */
  onKnown: (items: MediaItem[]) => void;
  canUpload: boolean;
  max?: number;
  triggerLabel?: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" variant="outline" size="sm" disabled={disabled} className="justify-self-start" onClick={() => setOpen(true)}>
        <ImagePlusIcon aria-hidden /> {triggerLabel}
      </Button>
      <LibraryMediaPicker
        open={open}
        onOpenChange={setOpen}
        selectedIds={selected}
        max={max}
        canUpload={canUpload}
        onSelect={(ids, assets) => {
          onKnown(assets);
          onConfirm(ids);
        }}
      />
    </>
  );
}
