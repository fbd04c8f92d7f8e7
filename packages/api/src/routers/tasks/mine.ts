import { crmProcedure } from "../../trpc/crm";
import { myTasksInput } from "../../schemas/crm/tasks";
import { myTasks } from "../../services/crm/tasks";

/** My tasks: overdue, today (the organization's zone), upcoming. */
export const myTasksProcedure = crmProcedure("tasks.read")
  .input(myTasksInput)
  .query(({ ctx, input }) => myTasks(ctx.db, ctx.user.id, ctx.org.timezone, input));
