export const MEDIA_SELECT = {
  id: true,
  url: true,
  fileName: true,
  mimeType: true,
  kind: true,
  sizeBytes: true,
  width: true,
  height: true,
  durationSeconds: true,
  altText: true,
  createdAt: true,
} as const;

export const BYTES_PER_MB = 1024 * 1024;
