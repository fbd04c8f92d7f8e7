import { createTRPCRouter } from "../../trpc/init";

export const contactListsRouter = createTRPCRouter({});
