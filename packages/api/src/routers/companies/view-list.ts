import { listSavedViews } from "../../services/crm/saved-views";
import { crmProcedure } from "../../trpc/crm";

export const listCompanyViews = crmProcedure("companies.read").query(({ ctx }) => listSavedViews(ctx.db, "COMPANY", ctx.user.id));
