import { createTRPCRouter } from "../../trpc/init";
import { suggest } from "./suggest";

export const hashtagsRouter = createTRPCRouter({ suggest });
