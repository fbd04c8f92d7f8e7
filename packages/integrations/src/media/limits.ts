/** What the media library accepts; browser-safe so upload forms can check before sending. */
export const MEDIA_LIMITS = {
  imageTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"],
  videoTypes: ["video/mp4", "video/quicktime", "video/webm"],
  maxImageBytes: 10 * 1024 * 1024,
  maxVideoBytes: 200 * 1024 * 1024,
} as const;

export type MediaMimeType = (typeof MEDIA_LIMITS.imageTypes)[number] | (typeof MEDIA_LIMITS.videoTypes)[number];

export function mediaKindOf(mimeType: string): "IMAGE" | "VIDEO" | null {
  if ((MEDIA_LIMITS.imageTypes as readonly string[]).includes(mimeType)) return "IMAGE";
  if ((MEDIA_LIMITS.videoTypes as readonly string[]).includes(mimeType)) return "VIDEO";
  return null;
}
