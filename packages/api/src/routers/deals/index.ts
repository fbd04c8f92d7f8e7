import { createTRPCRouter } from "../../trpc/init";

export const dealsRouter = createTRPCRouter({});
