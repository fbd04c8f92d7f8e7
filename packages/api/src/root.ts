import { createCallerFactory, createTRPCRouter } from "./trpc/init";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { membersRouter } from "./routers/members";
import { organizationRouter } from "./routers/organization";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  organization: organizationRouter,
  members: membersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
