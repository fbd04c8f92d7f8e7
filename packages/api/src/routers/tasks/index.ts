import { createTRPCRouter } from "../../trpc/init";
import { completeTaskProcedure } from "./complete";
import { createTaskProcedure } from "./create";
import { deleteTaskProcedure } from "./delete";
import { recordTasksProcedure } from "./for-record";
import { myTasksProcedure } from "./mine";
import { reopenTaskProcedure } from "./reopen";
import { restoreTaskProcedure } from "./restore";
import { updateTaskProcedure } from "./update";

export const tasksRouter = createTRPCRouter({
  mine: myTasksProcedure,
  forRecord: recordTasksProcedure,
  create: createTaskProcedure,
  update: updateTaskProcedure,
  complete: completeTaskProcedure,
  reopen: reopenTaskProcedure,
  delete: deleteTaskProcedure,
  restore: restoreTaskProcedure,
});
