import { createTRPCRouter } from "../../trpc/init";
import { platformStatus } from "./status";

/** The installation itself, for its operators (PLATFORM_ADMIN_EMAILS): outside every organization. */
export const platformRouter = createTRPCRouter({
  status: platformStatus,
});
