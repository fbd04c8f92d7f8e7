import { crmProcedure } from "../../trpc/crm";
import { taskIdInput } from "../../schemas/crm/tasks";
import { completeTask } from "../../services/crm/tasks";

export const reopenTaskProcedure = crmProcedure("tasks.update")
  .input(taskIdInput)
  .mutation(async ({ ctx, input }) => {
    const task = await completeTask(ctx.db, { org: ctx.org, userId: ctx.user.id, emit: ctx.emit }, input.taskId, false);
    ctx.audit.target("task", task.id);
    return task;
  });
