import { z } from "zod";
import { idSchema } from "./common";

export const mediaListInput = z
  .object({
    cursor: idSchema.optional(),
    limit: z.number().int().min(1).max(100).default(40),
  })
  .default({ limit: 40 });
export type MediaListInput = z.infer<typeof mediaListInput>;

/** The form field the file travels in (`FormData` with a `file` entry). */
export const MEDIA_UPLOAD_FIELD = "file";

/**
 * tRPC 11 non-JSON input: the client sends `FormData` through `httpLink` (it cannot be batched).
 * The file itself is checked by the handler (sniffed type, size, quota).
 */
export const mediaUploadInput = z.instanceof(FormData, { message: "Send the upload as FormData with a file field." });

export const mediaIdInput = z.object({ mediaId: idSchema });
