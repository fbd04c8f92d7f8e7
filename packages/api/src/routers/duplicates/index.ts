import { createTRPCRouter } from "../../trpc/init";

export const duplicatesRouter = createTRPCRouter({});
