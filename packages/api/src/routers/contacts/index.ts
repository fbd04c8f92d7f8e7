import { createTRPCRouter } from "../../trpc/init";

export const contactsRouter = createTRPCRouter({});
