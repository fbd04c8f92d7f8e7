import { createTRPCRouter } from "../../trpc/init";
import { createAbTest } from "./create";
import { getAbTest } from "./get";
import { listAbTests } from "./list";

export const abTestsRouter = createTRPCRouter({
  list: listAbTests,
  get: getAbTest,
  create: createAbTest,
});
