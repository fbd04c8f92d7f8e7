import { createTRPCRouter } from "../../trpc/init";

export const crmSettingsRouter = createTRPCRouter({});
