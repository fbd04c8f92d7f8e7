import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { submissionListInput } from "../../schemas/forms";
import { findForm } from "./shared";

/** Keyset cursor: the last row's received time and id. */
function decode(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new TRPCError({ code: "BAD_REQUEST", message: "Invalid cursor." });
  return { at: date, id };
}

const encode = (row: { receivedAt: Date; id: string }) => Buffer.from(`${row.receivedAt.toISOString()}|${row.id}`).toString("base64url");

/** A form's submissions, newest first, with their processing state (values are shown as text by the app). */
export const listSubmissions = orgProcedure("forms.read")
  .input(submissionListInput)
  .query(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    const after = decode(input.cursor);
    const rows = await ctx.db.formSubmission.findMany({
      where: {
        formId: form.id,
        ...(input.status ? { status: input.status } : {}),
        ...(after ? { OR: [{ receivedAt: { lt: after.at } }, { receivedAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: { id: true, status: true, attempts: true, lastError: true, contactId: true, values: true, receivedAt: true, processedAt: true, confirmedAt: true, formRevision: true },
    });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...r, values: (r.values ?? {}) as Record<string, string | string[]> })),
      nextCursor: rows.length > input.limit && last ? encode(last) : null,
    };
  });
