import { orgProcedure } from "../../trpc/init";
import { formListInput } from "../../schemas/forms";

/** The forms page: each form with its submission counts (all time, last 30 days, not yet processed). */
export const listForms = orgProcedure("forms.read")
  .input(formListInput)
  .query(async ({ ctx, input }) => {
    const forms = await ctx.db.leadForm.findMany({
      where: { deletedAt: null, ...(input.includeArchived ? {} : { status: "ACTIVE" }) },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      select: { id: true, name: true, slug: true, status: true, revision: true, doubleOptIn: true, updatedAt: true },
    });
    const since = new Date(Date.now() - 30 * 86_400_000);
    const counts = forms.length
      ? await ctx.db.$queryRaw<{ form_id: string; total: bigint; recent: bigint; open: bigint }[]>`
          SELECT form_id::text, count(*) AS total, count(*) FILTER (WHERE received_at >= ${since}) AS recent, count(*) FILTER (WHERE status <> 'PROCESSED') AS open
          FROM form_submissions WHERE organization_id = ${ctx.org.id}::uuid AND form_id = ANY(${forms.map((f) => f.id)}::uuid[]) GROUP BY form_id`
      : [];
    const byForm = new Map(counts.map((c) => [c.form_id, c]));
    return forms.map((f) => {
      const c = byForm.get(f.id);
      return { ...f, submissions: Number(c?.total ?? 0), last30Days: Number(c?.recent ?? 0), unprocessed: Number(c?.open ?? 0) };
    });
  });
