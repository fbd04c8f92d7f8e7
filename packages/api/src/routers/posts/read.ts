import { orgProcedure, orgReadProcedure } from "../../trpc/init";
import { listPostsSchema, postIdSchema, resolveTimeSchema, searchPostsSchema, validatePostSchema, optimalTimesSchema } from "../../schemas/posts";
import { getPost, listPostsInRange, searchPosts } from "../../services/posts/queries";
import { allMediaIds, checkTargets, loadMedia, loadTargetAccounts } from "../../services/posts/targets";
import { optimalTimesFor } from "../../services/posts/optimal-times";
import { resolveLocalTime } from "@mg/scheduling";

/** Calendar window (month/week/list) with filters. */
export const listPosts = orgProcedure("posts.read")
  .input(listPostsSchema)
  .query(({ ctx, input }) => listPostsInRange(ctx.db, input));

/** The posts list: all posts, searchable, newest first (one statement on the read path). */
export const searchPostsProcedure = orgReadProcedure("posts.read")
  .input(searchPostsSchema)
  .query(({ ctx, input }) => searchPosts(ctx.db, input));

export const getPostProcedure = orgProcedure("posts.read")
  .input(postIdSchema)
  .query(({ ctx, input }) => getPost(ctx.db, input.postId));

/** Live feedback for the composer: does this wall-clock time exist once, twice or not at all? */
export const resolveTime = orgProcedure("posts.read")
  .input(resolveTimeSchema)
  .query(({ input }) => {
    const resolved = resolveLocalTime(input.timezone, input.localTime);
    if (resolved.kind === "ok") return { kind: "ok" as const, scheduledAt: resolved.instant, offset: resolved.offset, zoneName: resolved.zoneName };
    if (resolved.kind === "gap") return { kind: "gap" as const, message: resolved.message, suggestion: { localTime: resolved.suggestion.localTime, scheduledAt: resolved.suggestion.instant } };
    return {
      kind: "ambiguous" as const,
      message: resolved.message,
      options: resolved.options.map((o) => ({ disambiguation: o.disambiguation, scheduledAt: o.instant, offset: o.offset, zoneName: o.zoneName })),
    };
  });

/** Per-target problems (network limits, accounts needing a reconnect) before scheduling. */
export const validatePost = orgProcedure("posts.read")
  .input(validatePostSchema)
  .query(async ({ ctx, input }) => {
    const accounts = await loadTargetAccounts(ctx.db, input.targets.map((t) => t.socialAccountId));
    const media = await loadMedia(ctx.db, allMediaIds(input));
    return { issues: checkTargets(input, accounts, media) };
  });

export const optimalTimes = orgProcedure("posts.read")
  .input(optimalTimesSchema)
  .query(({ ctx, input }) => optimalTimesFor(ctx.db, ctx.org, input.accountId));

/** Each target's publish ledger path: queued → sent → acknowledged → verified (or failed). */
export const postLedger = orgProcedure("posts.read")
  .input(postIdSchema)
  .query(async ({ ctx, input }) => {
    const post = await getPost(ctx.db, input.postId);
    return post.targets.map((t) => ({ targetId: t.id, account: t.socialAccount, status: t.status, lastError: t.lastError, ledger: t.ledger }));
  });
