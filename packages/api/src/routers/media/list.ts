import { orgProcedure } from "../../trpc/init";
import { mediaListInput } from "../../schemas/media";
import { effectiveLimit } from "../../quotas";
import { BYTES_PER_MB, MEDIA_SELECT } from "./shared";

/** The library, newest first (keyset by id cursor), with how much of the plan's storage it uses. */
export const listMedia = orgProcedure("posts.read")
  .input(mediaListInput)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.mediaAsset.findMany({
      where: { deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      select: MEDIA_SELECT,
    });
    const usage = await ctx.db.mediaAsset.aggregate({ where: { deletedAt: null }, _sum: { sizeBytes: true } });
    const hasMore = rows.length > input.limit;
    const items = hasMore ? rows.slice(0, input.limit) : rows;
    return {
      items,
      nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null,
      usage: { usedMb: Math.round(((usage._sum.sizeBytes ?? 0) / BYTES_PER_MB) * 10) / 10, limitMb: effectiveLimit(ctx.org, "storageMb") },
    };
  });
