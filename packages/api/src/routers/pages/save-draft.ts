import { saveDraftInput } from "../../schemas/pages";
import { saveDraft } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

/** The editor's autosave (not audited: it fires every few seconds while someone types). */
export const saveDraftProcedure = orgProcedure("pages.edit")
  .input(saveDraftInput)
  .mutation(({ ctx, input }) => saveDraft(pagesContextOf(ctx), input));
