import { TRPCError } from "@trpc/server";
import { inspectMedia, MEDIA_LIMITS, mediaStorage } from "@mg/integrations/media";
import { formatBytes } from "@mg/integrations";
import { orgProcedure } from "../../trpc/init";
import { MEDIA_UPLOAD_FIELD, mediaUploadInput } from "../../schemas/media";
import { precheckQuota, withQuota } from "../../quotas";
import { BYTES_PER_MB, MEDIA_SELECT } from "./shared";

function refuse(message: string): never {
  throw new TRPCError({ code: "BAD_REQUEST", message });
}

/**
 * One file from a FormData body (`file`). Its type is read from its bytes, never trusted from
 * the name or the browser; a file claiming another type than it has is refused, so what the
 * library shows is what the networks will receive.
 */
export const uploadMedia = orgProcedure("media.upload", { transaction: "per-operation" })
  .input(mediaUploadInput)
  .mutation(async ({ ctx, input }) => {
    const file = input.get(MEDIA_UPLOAD_FIELD);
    if (!(file instanceof File)) refuse("Choose a file to upload.");
    if (file.size === 0) refuse(`“${file.name}” is empty.`);
    if (file.size > MEDIA_LIMITS.maxVideoBytes) refuse(`Files may be up to ${formatBytes(MEDIA_LIMITS.maxVideoBytes)}; “${file.name}” is ${formatBytes(file.size)}.`);

    const bytes = new Uint8Array(await file.arrayBuffer());
    const media = inspectMedia(bytes, file.type);
    if (!media.ok) refuse(`“${file.name}”: ${media.error}`);
    if (media.claimedTypeMismatch) {
      refuse(`“${file.name}” says it is ${file.type} but its content is ${media.mimeType}. Save it in a supported format with the matching extension and upload it again.`);
    }
    // Skips the upload when storage is already full; the insert below is what holds under races.
    await precheckQuota(ctx.db, ctx.org, "storageMb", media.sizeBytes / BYTES_PER_MB);

    const fileName = file.name.trim().slice(-255) || "upload";
    const storage = mediaStorage();
    const stored = await storage.put({ organizationId: ctx.org.id, fileName, mimeType: media.mimeType, bytes });
    try {
      const asset = await withQuota(ctx.org, "storageMb", media.sizeBytes / BYTES_PER_MB, (db) =>
        db.mediaAsset.create({
          data: {
            organizationId: ctx.org.id,
            storage: stored.storage,
            key: stored.key,
            url: stored.url,
            fileName,
            mimeType: media.mimeType,
            kind: media.kind,
            sizeBytes: media.sizeBytes,
            width: media.width,
            height: media.height,
            durationSeconds: media.durationSeconds,
            uploadedById: ctx.user.id,
          },
          select: MEDIA_SELECT,
        }),
        { userId: ctx.user.id },
      );
      ctx.audit.target("mediaAsset", asset.id);
      ctx.audit.note({ fileName, mimeType: media.mimeType, sizeBytes: media.sizeBytes });
      return asset;
    } catch (error) {
      // No row, no file: a failed insert (or a quota a parallel upload took meanwhile) must not
      // leave an orphan that nothing counts or deletes.
      await storage.delete(stored.key).catch(() => undefined);
      throw error;
    }
  });
