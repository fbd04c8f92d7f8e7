import { authedProcedure } from "../../trpc/init";
import { listAccessibleOrganizations } from "../../tenancy/resolve-access";

/** The organization switcher: every organization the user can enter, agencies with their clients. */
export const listMine = authedProcedure.query(({ ctx }) => listAccessibleOrganizations(ctx.user.id));
