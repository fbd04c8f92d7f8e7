import { crmProcedure } from "../../trpc/crm";
import { recordTasksInput } from "../../schemas/crm/tasks";
import { recordTasks } from "../../services/crm/tasks";

/** The tasks of one contact, deal or company (their pages' task panel). */
export const recordTasksProcedure = crmProcedure("tasks.read")
  .input(recordTasksInput)
  .query(({ ctx, input }) => recordTasks(ctx.db, input));
