import { formatBytes } from "@mg/integrations/validation";
import { MEDIA_LIMITS } from "@mg/integrations/media/limits";

/**
 * What the media library accepts, checked in the browser so a wrong file is refused before it is
 * sent — the server's own limits (browser-safe module); the server checks again from the bytes.
 */
export const ACCEPTED_IMAGE_TYPES = MEDIA_LIMITS.imageTypes;
export const ACCEPTED_VIDEO_TYPES = MEDIA_LIMITS.videoTypes;
export const MAX_IMAGE_BYTES = MEDIA_LIMITS.maxImageBytes;
export const MAX_VIDEO_BYTES = MEDIA_LIMITS.maxVideoBytes;

export type MediaKindFilter = "IMAGE" | "VIDEO";

export function acceptAttribute(kinds: readonly MediaKindFilter[] = ["IMAGE", "VIDEO"]): string {
  return [...(kinds.includes("IMAGE") ? ACCEPTED_IMAGE_TYPES : []), ...(kinds.includes("VIDEO") ? ACCEPTED_VIDEO_TYPES : [])].join(",");
}

export { formatBytes };

export function formatMb(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb.toFixed(mb < 10 ? 1 : 0)} MB`;
}

/** Why this file cannot be uploaded, or null. */
export function fileProblem(file: File, kinds: readonly MediaKindFilter[] = ["IMAGE", "VIDEO"]): string | null {
  const isImage = (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type);
  const isVideo = (ACCEPTED_VIDEO_TYPES as readonly string[]).includes(file.type);
  const allowed = kinds.map((k) => (k === "IMAGE" ? "JPEG, PNG, GIF or WebP images" : "MP4, MOV or WebM videos")).join(", or ");
  if ((!isImage || !kinds.includes("IMAGE")) && (!isVideo || !kinds.includes("VIDEO"))) return `“${file.name}” is not a supported file. Use ${allowed}.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (isImage && file.size > MAX_IMAGE_BYTES) return `“${file.name}” is ${formatBytes(file.size)}; images may be up to ${formatBytes(MAX_IMAGE_BYTES)}.`;
  if (isVideo && file.size > MAX_VIDEO_BYTES) return `“${file.name}” is ${formatBytes(file.size)}; videos may be up to ${formatBytes(MAX_VIDEO_BYTES)}.`;
  return null;
}
