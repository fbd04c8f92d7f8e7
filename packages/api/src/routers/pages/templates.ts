import { listTemplates } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";

/** Templates to start a page from (the same for every organization; asked inside one for the permission). */
export const pageTemplatesProcedure = orgProcedure("pages.read").query(() => listTemplates());
