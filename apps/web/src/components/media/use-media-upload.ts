"use client";

import { useCallback, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter, UpgradeRequired } from "@mg/api";
import { MEDIA_UPLOAD_FIELD } from "@mg/api/schemas";
import { apiError } from "~/lib/errors";
import { onUploadProgress, useTRPC, useTRPCClient } from "~/trpc/client";
import { fileProblem, type MediaKindFilter } from "./limits";

export type MediaAsset = inferRouterOutputs<AppRouter>["media"]["list"]["items"][number];

export interface UploadItem {
  id: string;
  fileName: string;
  sizeBytes: number;
  /** 0…1 while sending. */
  progress: number;
  status: "queued" | "uploading" | "done" | "error";
  error: string | null;
  asset: MediaAsset | null;
}

/**
 * Uploads files to the media library one at a time (so progress is honest and a plan's storage
 * limit stops the batch cleanly), checking type and size before sending anything.
 */
export function useMediaUpload({ kinds, onUploaded }: { kinds?: readonly MediaKindFilter[]; onUploaded?: (asset: MediaAsset) => void } = {}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [upgrade, setUpgrade] = useState<{ upgrade: UpgradeRequired; message: string } | null>(null);
  const queue = useRef(Promise.resolve());
  const counter = useRef(0);

  const patch = useCallback((id: string, change: Partial<UploadItem>) => setItems((list) => list.map((item) => (item.id === id ? { ...item, ...change } : item))), []);

  const addFiles = useCallback(
    (files: Iterable<File>) => {
      const accepted: { id: string; file: File }[] = [];
      const added: UploadItem[] = [];
      for (const file of files) {
        counter.current += 1;
        const id = `upload-${counter.current}`;
        const problem = fileProblem(file, kinds);
        added.push({ id, fileName: file.name, sizeBytes: file.size, progress: 0, status: problem ? "error" : "queued", error: problem, asset: null });
        if (!problem) accepted.push({ id, file });
      }
      setItems((list) => [...added, ...list]);
      for (const { id, file } of accepted) {
        queue.current = queue.current.then(async () => {
          patch(id, { status: "uploading" });
          const form = new FormData();
          form.append(MEDIA_UPLOAD_FIELD, file);
          onUploadProgress(form, (progress) => patch(id, { progress }));
          try {
            const asset = await client.media.upload.mutate(form);
            patch(id, { status: "done", progress: 1, asset });
            onUploaded?.(asset);
            await queryClient.invalidateQueries({ queryKey: trpc.media.list.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() });
          } catch (error) {
            const info = apiError(error);
            patch(id, { status: "error", error: info.message });
            if (info.upgrade) setUpgrade({ upgrade: info.upgrade, message: info.message });
          }
        });
      }
    },
    [client, kinds, onUploaded, patch, queryClient, trpc],
  );

  const dismiss = useCallback((id: string) => setItems((list) => list.filter((item) => item.id !== id)), []);
  const clearFinished = useCallback(() => setItems((list) => list.filter((item) => item.status === "queued" || item.status === "uploading")), []);

  return { items, addFiles, dismiss, clearFinished, upgrade, clearUpgrade: () => setUpgrade(null), busy: items.some((i) => i.status === "queued" || i.status === "uploading") };
}
