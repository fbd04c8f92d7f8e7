import { crmProcedure } from "../../trpc/crm";
import { createTaskInput } from "../../schemas/crm/tasks";
import { createTask } from "../../services/crm/tasks";

/** A task; with a due time its reminder is armed in the same transaction (task/scheduled). */
export const createTaskProcedure = crmProcedure("tasks.create")
  .input(createTaskInput)
  .mutation(async ({ ctx, input }) => {
    const task = await createTask(ctx.db, { org: ctx.org, userId: ctx.user.id, emit: ctx.emit }, input);
    ctx.audit.target("task", task.id);
    return task;
  });
