import { createTRPCRouter } from "../../trpc/init";
import { confirmLiveProcedure } from "./confirm-live";
import { sendAgainProcedure } from "./send-again";
import { getPostProcedure, listPosts, optimalTimes, postLedger, resolveTime, searchPostsProcedure, validatePost } from "./read";
import {
  createPost,
  deletePostProcedure,
  importCsv,
  publishNow,
  retryTargetProcedure,
  schedulePost,
  undoImportProcedure,
  unschedule,
  updatePost,
} from "./write";

export const postsRouter = createTRPCRouter({
  list: listPosts,
  search: searchPostsProcedure,
  get: getPostProcedure,
  ledger: postLedger,
  resolveTime,
  validate: validatePost,
  optimalTimes,
  create: createPost,
  update: updatePost,
  schedule: schedulePost,
  unschedule,
  publishNow,
  retryTarget: retryTargetProcedure,
  confirmLive: confirmLiveProcedure,
  sendAgain: sendAgainProcedure,
  delete: deletePostProcedure,
  importCsv,
  undoImport: undoImportProcedure,
});
