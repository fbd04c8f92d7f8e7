export { appRouter, createCaller, type AppRouter } from "./root";
export { createInnerContext, createContextFromRequest, requestMeta, ORG_SLUG_HEADER, type InnerContext, type SessionUser } from "./trpc/context";
export type { ProcedureMeta } from "./trpc/init";
export type { UpgradeRequired } from "./quotas";
export { completeConnect, abandonConnect, SocialConnectError } from "./services/social-connect";
export type { ErrorDetails, ScheduleProblem } from "./trpc/errors";
