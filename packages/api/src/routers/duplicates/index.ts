import { createTRPCRouter } from "../../trpc/init";
import { dismissDuplicate } from "./dismiss";
import { duplicatesForContact } from "./for-contact";
import { listDuplicates } from "./list";
import { mergeContactsProcedure } from "./merge";
import { mergeCompaniesProcedure } from "./merge-companies";
import { scanDuplicatesProcedure } from "./scan";
import { undoCompanyMergeProcedure } from "./undo-company-merge";
import { undoMergeProcedure } from "./undo-merge";

export const duplicatesRouter = createTRPCRouter({
  list: listDuplicates,
  forContact: duplicatesForContact,
  dismiss: dismissDuplicate,
  scan: scanDuplicatesProcedure,
  merge: mergeContactsProcedure,
  undoMerge: undoMergeProcedure,
  mergeCompanies: mergeCompaniesProcedure,
  undoCompanyMerge: undoCompanyMergeProcedure,
});
