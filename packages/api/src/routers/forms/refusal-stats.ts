import { orgProcedure } from "../../trpc/init";
import { refusalStatsInput } from "../../schemas/forms";
import { REFUSAL_LABELS, REFUSAL_REASONS, type RefusalReason } from "../../services/lead-forms/refusals";
import { findForm } from "./shared";

/** The Spam tab: how many submissions were refused and why, over the last `days` days (per reason and per day). */
export const formRefusalStats = orgProcedure("forms.read")
  .input(refusalStatsInput)
  .query(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    const since = new Date(Date.now() - input.days * 86_400_000);
    const rows = await ctx.db.formRefusalCount.findMany({ where: { formId: form.id, day: { gte: new Date(since.toISOString().slice(0, 10)) } }, select: { day: true, reason: true, count: true }, orderBy: { day: "asc" } });
    const byReason = new Map<string, number>();
    for (const r of rows) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + r.count);
    const accepted = await ctx.db.formSubmission.count({ where: { formId: form.id, receivedAt: { gte: since } } });
    return {
      days: input.days,
      accepted,
      blocked: rows.reduce((n, r) => n + r.count, 0),
      reasons: REFUSAL_REASONS.map((reason: RefusalReason) => ({ reason, label: REFUSAL_LABELS[reason], count: byReason.get(reason) ?? 0 })),
      daily: rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), reason: r.reason, count: r.count })),
    };
  });
