import type { JobEvent } from "@mg/jobs";
import type { Emit } from "../../jobs";
import { orgProcedure, rateLimit } from "../../trpc/init";
import { createPostSchema, importBatchIdSchema, importCsvSchema, postIdSchema, reschedulePostSchema, targetIdSchema, updatePostSchema } from "../../schemas/posts";
import { savePost, type PostActor } from "../../services/posts/save-post";
import { deletePost, publishPostNow, reschedulePost, retryTarget, unschedulePost } from "../../services/posts/lifecycle";
import { importPostsCsv, undoImport } from "../../services/posts/import-csv";
import { materializeSeriesAfterCommit } from "../../services/posts/recurrence";
import { TRPCError } from "@trpc/server";

const actorOf = (ctx: { db: PostActor["db"]; org: PostActor["org"]; role: PostActor["role"]; user: { id: string } }): PostActor => ({ db: ctx.db, org: ctx.org, role: ctx.role, userId: ctx.user.id });

/** Job events join the transaction (the outbox) and go out once it commits. */
async function sendAfterCommit(ctx: { emit: Emit }, events: JobEvent[]): Promise<void> {
  if (events.length) await ctx.emit(events);
}

export const createPost = orgProcedure("posts.create")
  .input(createPostSchema)
  .mutation(async ({ ctx, input }) => {
    const { post, events } = await savePost(actorOf(ctx), input);
    await sendAfterCommit(ctx, events);
    if (post.recurrenceRule) ctx.afterCommit(() => materializeSeriesAfterCommit(ctx.org.id, post.id));
    ctx.audit.target("post", post.id);
    ctx.audit.note({ intent: input.intent, targets: input.targets.length, scheduledAt: post.scheduledAt?.toISOString() ?? null });
    return post;
  });

export const updatePost = orgProcedure("posts.edit_own")
  .input(updatePostSchema)
  .mutation(async ({ ctx, input }) => {
    const { post, events } = await savePost(actorOf(ctx), input);
    await sendAfterCommit(ctx, events);
    if (post.recurrenceRule) ctx.afterCommit(() => materializeSeriesAfterCommit(ctx.org.id, post.id));
    ctx.audit.target("post", post.id);
    ctx.audit.note({ intent: input.intent, scheduledAt: post.scheduledAt?.toISOString() ?? null });
    return post;
  });

/** Drag and drop on the calendar: same DST rules as the composer. */
export const schedulePost = orgProcedure("posts.schedule")
  .input(reschedulePostSchema)
  .mutation(async ({ ctx, input }) => {
    const { post, events } = await reschedulePost(actorOf(ctx), input);
    await sendAfterCommit(ctx, events);
    ctx.audit.target("post", post.id);
    ctx.audit.note({ timezone: post.timezone, localTime: post.localTime });
    return post;
  });

export const unschedule = orgProcedure("posts.schedule")
  .input(postIdSchema)
  .mutation(async ({ ctx, input }) => {
    const { post, events } = await unschedulePost(actorOf(ctx), input.postId);
    await sendAfterCommit(ctx, events);
    ctx.audit.target("post", post.id);
    return { id: post.id, status: post.status };
  });

export const publishNow = orgProcedure("posts.publish")
  .input(postIdSchema)
  .mutation(async ({ ctx, input }) => {
    const { post, events } = await publishPostNow(actorOf(ctx), input.postId);
    await sendAfterCommit(ctx, events);
    ctx.audit.target("post", post.id);
    return post;
  });

export const retryTargetProcedure = orgProcedure("posts.publish")
  .input(targetIdSchema)
  .mutation(async ({ ctx, input }) => {
    const { target, events } = await retryTarget(actorOf(ctx), input.targetId);
    await sendAfterCommit(ctx, events);
    ctx.audit.target("post", target.postId);
    ctx.audit.note({ targetId: target.id });
    return target;
  });

export const deletePostProcedure = orgProcedure("posts.edit_own")
  .input(postIdSchema)
  .mutation(async ({ ctx, input }) => {
    const { post, events } = await deletePost(actorOf(ctx), input.postId);
    await sendAfterCommit(ctx, events);
    ctx.audit.target("post", post.id);
    return post;
  });

/** All-or-nothing CSV import; 10,000 rows take a few seconds, so the transaction may take a minute. */
export const importCsv = orgProcedure("posts.schedule", { timeoutMs: 120_000 })
  .use(rateLimit("bulkImports"))
  .input(importCsvSchema)
  .mutation(async ({ ctx, input }) => {
    const { batchId, rowCount, events } = await importPostsCsv(actorOf(ctx), input);
    await sendAfterCommit(ctx, events);
    ctx.audit.target("importBatch", batchId);
    ctx.audit.note({ fileName: input.fileName, rowCount });
    return { batchId, rowCount };
  });

export const undoImportProcedure = orgProcedure("posts.schedule", { timeoutMs: 60_000 })
  .input(importBatchIdSchema)
  .mutation(async ({ ctx, input }) => {
    const result = await undoImport(ctx.db, input.batchId);
    if (!result) throw new TRPCError({ code: "NOT_FOUND", message: "Import not found." });
    await sendAfterCommit(ctx, result.events);
    ctx.audit.target("importBatch", result.batchId);
    ctx.audit.note({ removed: result.removed });
    return { batchId: result.batchId, removed: result.removed };
  });
