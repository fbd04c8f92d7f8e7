import { createTRPCRouter } from "../../trpc/init";

export const tasksRouter = createTRPCRouter({});
