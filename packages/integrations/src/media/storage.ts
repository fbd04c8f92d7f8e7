/** One interface for wherever media files live; MediaAsset rows record which one holds each file. */
export type MediaStorageKind = "LOCAL" | "UPLOADTHING";

export interface StoredMedia {
  storage: MediaStorageKind;
  /** The storage's own key: a path under MEDIA_DIR, or the uploadthing file key. */
  key: string;
  /** Public URL (networks fetch media from it when publishing). */
  url: string;
}

export interface PutMediaInput {
  organizationId: string;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface MediaStorage {
  readonly kind: MediaStorageKind;
  put(input: PutMediaInput): Promise<StoredMedia>;
  /** Idempotent: deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** The file's bytes, or null when there is none (only local storage serves files itself). */
  read(key: string): Promise<Uint8Array | null>;
}

/** A file name safe in paths and URLs: ASCII letters, digits, dot, dash and underscore. */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+/, "")
    .slice(-100);
  return cleaned === "" ? "file" : cleaned;
}
