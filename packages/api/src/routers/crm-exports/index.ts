import { createTRPCRouter } from "../../trpc/init";

export const crmExportsRouter = createTRPCRouter({});
