import { createTRPCRouter } from "../../trpc/init";

export const segmentsRouter = createTRPCRouter({});
