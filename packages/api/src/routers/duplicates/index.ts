import { createTRPCRouter } from "../../trpc/init";
import { dismissDuplicate } from "./dismiss";
import { duplicatesForContact } from "./for-contact";
import { listDuplicates } from "./list";
import { mergeContactsProcedure } from "./merge";
import { scanDuplicatesProcedure } from "./scan";
import { undoMergeProcedure } from "./undo-merge";

export const duplicatesRouter = createTRPCRouter({
  list: listDuplicates,
  forContact: duplicatesForContact,
  dismiss: dismissDuplicate,
  scan: scanDuplicatesProcedure,
  merge: mergeContactsProcedure,
  undoMerge: undoMergeProcedure,
});
