import { createTRPCRouter } from "../../trpc/init";
import { deleteMedia } from "./delete";
import { listMedia } from "./list";
import { uploadMedia } from "./upload";

export const mediaRouter = createTRPCRouter({
  list: listMedia,
  upload: uploadMedia,
  delete: deleteMedia,
});
