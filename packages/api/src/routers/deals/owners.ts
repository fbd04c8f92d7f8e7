import { crmProcedure } from "../../trpc/crm";
import { memberDirectory } from "../../services/crm/deals-refs";

/** The people a deal can belong to or a task be assigned to (owner and assignee pickers, names on cards). */
export const dealOwners = crmProcedure("deals.read").query(async ({ ctx }) => ({ people: await memberDirectory(ctx.db, ctx.org), myUserId: ctx.user.id, timezone: ctx.org.timezone }));
