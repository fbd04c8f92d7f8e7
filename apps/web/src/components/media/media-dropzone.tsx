"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { CheckCircle2Icon, CircleAlertIcon, UploadCloudIcon, XIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { cn } from "@mg/ui/lib/utils";
import { Progress } from "~/components/progress";
import { acceptAttribute, formatBytes, MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, type MediaKindFilter } from "./limits";
import type { UploadItem } from "./use-media-upload";

/**
 * Drop files here or pick them with the button (keyboard users get the button; the drop area is
 * a convenience). Hands the chosen files to `onFiles`; shows nothing about uploads itself.
 */
export function MediaDropzone({ onFiles, kinds = ["IMAGE", "VIDEO"], disabled, compact, className }: { onFiles: (files: File[]) => void; kinds?: readonly MediaKindFilter[]; disabled?: boolean; compact?: boolean; className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");

  const what = kinds.length === 2 ? "images or videos" : kinds[0] === "IMAGE" ? "images" : "videos";
  const limits = [kinds.includes("IMAGE") ? `images up to ${formatBytes(MAX_IMAGE_BYTES)}` : null, kinds.includes("VIDEO") ? `videos up to ${formatBytes(MAX_VIDEO_BYTES)}` : null].filter(Boolean).join(", ");

  return (
    <div
      data-testid="media-dropzone"
      data-over={over || undefined}
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed text-center transition-colors",
        compact ? "p-4 sm:flex-row sm:justify-between sm:text-left" : "p-8",
        over ? "border-primary bg-primary/5" : "border-border",
        disabled && "opacity-60",
        className,
      )}
      onDragEnter={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <div className={cn("flex items-center gap-3", !compact && "flex-col")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground" aria-hidden>
          <UploadCloudIcon className="size-5" />
        </span>
        <div className="grid gap-0.5">
          <p className="text-sm font-medium">{over ? "Drop to upload" : `Drag ${what} here`}</p>
          <p id={hintId} className="text-xs text-muted-foreground">
            {`${limits.charAt(0).toUpperCase()}${limits.slice(1)}.`}
          </p>
        </div>
      </div>
      <Button type="button" variant="outline" size="sm" disabled={disabled} onClick={() => input.current?.click()} aria-describedby={hintId}>
        Choose files
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={acceptAttribute(kinds)}
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = "";
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}

/** The upload queue: progress while sending, the reason when a file was refused. */
export function UploadList({ items, onDismiss }: { items: UploadItem[]; onDismiss: (id: string) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="grid gap-2" aria-label="Uploads" data-testid="upload-list">
      {items.map((item) => (
        <li key={item.id} className={cn("grid gap-2 rounded-lg border px-3 py-2 text-sm", item.status === "error" && "border-destructive/40 bg-destructive/5")} data-status={item.status}>
          <div className="flex items-center gap-2">
            {item.status === "done" ? <CheckCircle2Icon className="size-4 shrink-0 text-success" aria-label="Uploaded" /> : null}
            {item.status === "error" ? <CircleAlertIcon className="size-4 shrink-0 text-destructive" aria-label="Failed" /> : null}
            <span className="min-w-0 flex-1 truncate font-medium">{item.fileName}</span>
            <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
              {item.status === "uploading" ? `${Math.round(item.progress * 100)}%` : item.status === "queued" ? "Waiting…" : formatBytes(item.sizeBytes)}
            </span>
            {item.status === "done" || item.status === "error" ? (
              <Button type="button" variant="ghost" size="icon-sm" className="size-6" onClick={() => onDismiss(item.id)} aria-label={`Dismiss ${item.fileName}`}>
                <XIcon aria-hidden />
              </Button>
            ) : null}
          </div>
          {item.status === "uploading" || item.status === "queued" ? <Progress value={Math.round(item.progress * 100)} max={100} label={`Uploading ${item.fileName}`} /> : null}
          {item.error ? (
            <p className="text-xs text-destructive" role="alert">
              {item.error}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
