import { crmProcedure } from "../../trpc/crm";
import { updateTaskInput } from "../../schemas/crm/tasks";
import { updateTask } from "../../services/crm/tasks";

/** Edit; a new due time re-arms the reminder (the old one stands down). */
export const updateTaskProcedure = crmProcedure("tasks.update")
  .input(updateTaskInput)
  .mutation(async ({ ctx, input }) => {
    const task = await updateTask(ctx.db, { org: ctx.org, userId: ctx.user.id, emit: ctx.emit }, input);
    ctx.audit.target("task", task.id);
    ctx.audit.note({ fields: Object.keys(input).filter((k) => k !== "taskId") });
    return task;
  });
