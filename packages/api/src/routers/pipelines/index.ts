import { createTRPCRouter } from "../../trpc/init";

export const pipelinesRouter = createTRPCRouter({});
