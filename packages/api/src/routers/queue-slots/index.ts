import { createTRPCRouter } from "../../trpc/init";
import { listQueueSlots } from "./list";
import { nextFree } from "./next-free";
import { setQueueSlots } from "./set";

export const queueSlotsRouter = createTRPCRouter({
  list: listQueueSlots,
  set: setQueueSlots,
  nextFree,
});
