import { crmProcedure } from "../../trpc/crm";
import { taskIdInput } from "../../schemas/crm/tasks";
import { setTaskDeleted } from "../../services/crm/tasks";

export const restoreTaskProcedure = crmProcedure("tasks.delete")
  .input(taskIdInput)
  .mutation(async ({ ctx, input }) => {
    const task = await setTaskDeleted(ctx.db, ctx.org.id, input.taskId, false);
    ctx.audit.target("task", task.id);
    return task;
  });
