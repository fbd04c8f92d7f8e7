"use client";

import { FilmIcon } from "lucide-react";
import { cn } from "@mg/ui/lib/utils";
import { formatBytes } from "./limits";
import type { MediaAsset } from "./use-media-upload";

/** A square preview of one asset (image, or a video's first frame) with its name and size. */
export function MediaThumb({ asset, className }: { asset: MediaAsset; className?: string }) {
  return (
    <div className={cn("relative aspect-square overflow-hidden rounded-lg bg-muted", className)}>
      {asset.kind === "VIDEO" ? (
        <>
          <video src={asset.url} preload="metadata" muted playsInline className="size-full object-cover" aria-hidden tabIndex={-1} />
          <span className="absolute bottom-1.5 left-1.5 inline-flex items-center gap-1 rounded bg-black/70 px-1.5 py-0.5 text-[0.6875rem] font-medium text-white">
            <FilmIcon className="size-3" aria-hidden /> Video{asset.durationSeconds ? ` · ${Math.round(asset.durationSeconds)}s` : ""}
          </span>
        </>
      ) : (
        // User uploads live on arbitrary storage hosts (local disk or uploadthing): next/image would need each one configured.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={asset.url} alt={asset.altText ?? asset.fileName} loading="lazy" decoding="async" className="size-full object-cover" />
      )}
    </div>
  );
}

export function MediaCaption({ asset }: { asset: MediaAsset }) {
  return (
    <div className="grid min-w-0 gap-0.5 text-xs">
      <p className="truncate font-medium" title={asset.fileName}>
        {asset.fileName}
      </p>
      <p className="text-muted-foreground tabular-nums">
        {formatBytes(asset.sizeBytes)}
        {asset.width && asset.height ? ` · ${asset.width}×${asset.height}` : ""}
      </p>
    </div>
  );
}
