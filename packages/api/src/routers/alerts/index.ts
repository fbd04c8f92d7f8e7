import { createTRPCRouter } from "../../trpc/init";
import { listAlerts } from "./list";
import { markRead } from "./mark-read";

export const alertsRouter = createTRPCRouter({
  list: listAlerts,
  markRead,
});
