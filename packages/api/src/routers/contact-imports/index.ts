import { createTRPCRouter } from "../../trpc/init";

export const contactImportsRouter = createTRPCRouter({});
