import { listSavedViews } from "../../services/crm/saved-views";
import { crmProcedure } from "../../trpc/crm";

/** The caller's own and the shared views of the contacts table. */
export const listContactViews = crmProcedure("contacts.read").query(({ ctx }) => listSavedViews(ctx.db, "CONTACT", ctx.user.id));
