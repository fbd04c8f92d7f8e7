import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { createAbTestInput } from "../../schemas/ab-tests";
import { AB_TEST_SELECT, withVariantValues } from "./shared";

const VARIANT_KEYS = "ABCDEFGHIJ";

/**
 * Turns 2+ draft or scheduled posts into the variants of one test. Variants must go to the same
 * accounts (or they would not be comparable) and each needs its time, because the winner is
 * picked `windowHours` after the last one goes out.
 */
export const createAbTest = orgProcedure("posts.schedule")
  .input(createAbTestInput)
  .mutation(async ({ ctx, input }) => {
    const posts = await ctx.db.post.findMany({
      where: { id: { in: input.postIds } },
      select: { id: true, status: true, abTestId: true, scheduledAt: true, targets: { where: { status: { not: "CANCELLED" } }, select: { socialAccountId: true } } },
    });
    if (posts.length !== input.postIds.length) throw new TRPCError({ code: "NOT_FOUND", message: "Post not found." });
    const byId = new Map(posts.map((p) => [p.id, p]));
    const ordered = input.postIds.flatMap((id) => byId.get(id) ?? []);

    const problems: string[] = [];
    if (ordered.some((p) => p.status !== "DRAFT" && p.status !== "SCHEDULED")) problems.push("Only draft or scheduled posts can be variants.");
    if (ordered.some((p) => p.abTestId !== null)) problems.push("A post is already a variant of another test.");
    if (ordered.some((p) => p.targets.length === 0)) problems.push("Every variant needs at least one account.");
    const accountSets = new Set(ordered.map((p) => [...new Set(p.targets.map((t) => t.socialAccountId))].sort().join(",")));
    if (accountSets.size > 1) problems.push("Variants must go to the same accounts to be comparable.");
    const times = ordered.map((p) => p.scheduledAt);
    if (times.some((t) => t === null)) problems.push("Give every variant a time first: the winner is picked a set time after the last one goes out.");
    if (problems.length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: problems.join(" ") });

    const latest = Math.max(...times.map((t) => t?.getTime() ?? 0));
    const decideAt = new Date(latest + input.windowHours * 3_600_000);
    const test = await ctx.db.abTest.create({
      data: { organizationId: ctx.org.id, name: input.name, metric: input.metric, windowHours: input.windowHours, decideAt, createdById: ctx.user.id },
      select: { id: true },
    });
    for (const [index, post] of ordered.entries()) {
      await ctx.db.post.update({ where: { id: post.id }, data: { abTestId: test.id, abVariantKey: VARIANT_KEYS[index] ?? String(index + 1) } });
    }
    ctx.audit.target("abTest", test.id);
    ctx.audit.note({ name: input.name, metric: input.metric, posts: input.postIds.length });
    const organizationId = ctx.org.id;
    await ctx.emit({ name: "ab-test/started", id: `ab-test:${test.id}`, data: { organizationId, abTestId: test.id, decideAt: decideAt.toISOString() } });

    const created = await ctx.db.abTest.findFirstOrThrow({ where: { id: test.id }, select: AB_TEST_SELECT });
    const [withValues] = await withVariantValues(ctx.db, [created]);
    return withValues;
  });
