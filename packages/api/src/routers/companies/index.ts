import { createTRPCRouter } from "../../trpc/init";

export const companiesRouter = createTRPCRouter({});
