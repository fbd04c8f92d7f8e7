import { crmProcedure } from "../../trpc/crm";
import { taskIdInput } from "../../schemas/crm/tasks";
import { setTaskDeleted } from "../../services/crm/tasks";

/** Soft delete (its reminder stands down on waking); `restore` undoes it. */
export const deleteTaskProcedure = crmProcedure("tasks.delete")
  .input(taskIdInput)
  .mutation(async ({ ctx, input }) => {
    const task = await setTaskDeleted(ctx.db, ctx.org.id, input.taskId, true);
    ctx.audit.target("task", task.id);
    return { id: task.id, deletedAt: task.deletedAt };
  });
