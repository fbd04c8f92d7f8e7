import { TRPCError } from "@trpc/server";
import { mediaStorageFor } from "@mg/integrations/media";
import { orgProcedure } from "../../trpc/init";
import { mediaIdInput } from "../../schemas/media";

/**
 * Soft delete: the row stays (posts that used it keep their history), the file goes once the
 * transaction has committed, and the storage it took is freed. Media that a post still waiting to
 * go out uses is refused — deleting it would make that post fail at publish time.
 */
export const deleteMedia = orgProcedure("media.delete")
  .input(mediaIdInput)
  .mutation(async ({ ctx, input }) => {
    const asset = await ctx.db.mediaAsset.findFirst({ where: { id: input.mediaId, deletedAt: null }, select: { id: true, storage: true, key: true, fileName: true } });
    if (!asset) throw new TRPCError({ code: "NOT_FOUND", message: "Media not found." });
    const pending = await ctx.db.post.count({
      where: {
        status: { in: ["SCHEDULED", "PUBLISHING"] },
        OR: [{ mediaIds: { has: asset.id } }, { targets: { some: { variantMediaIds: { has: asset.id } } } }],
      },
    });
    if (pending > 0) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `“${asset.fileName}” is used by ${pending} scheduled post${pending === 1 ? "" : "s"}. Remove it from ${pending === 1 ? "that post" : "those posts"} first.` });
    }
    await ctx.db.mediaAsset.update({ where: { id: asset.id }, data: { deletedAt: new Date() } });
    ctx.audit.target("mediaAsset", asset.id);
    ctx.audit.note({ fileName: asset.fileName });
    ctx.afterCommit(() => mediaStorageFor(asset.storage).delete(asset.key));
    return { id: asset.id };
  });
