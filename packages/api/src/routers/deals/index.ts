import { createTRPCRouter } from "../../trpc/init";
import { dealsBoard } from "./board";
import { closeDealProcedure } from "./close";
import { createDealProcedure } from "./create";
import { deleteDeal } from "./delete";
import { dealsForecast } from "./forecast";
import { getDeal } from "./get";
import { listDealsProcedure } from "./list";
import { moveDealProcedure } from "./move";
import { dealOwners } from "./owners";
import { reopenDealProcedure } from "./reopen";
import { restoreDeal } from "./restore";
import { dealTimelineProcedure } from "./timeline";
import { updateDealProcedure } from "./update";

export const dealsRouter = createTRPCRouter({
  board: dealsBoard,
  list: listDealsProcedure,
  get: getDeal,
  timeline: dealTimelineProcedure,
  forecast: dealsForecast,
  owners: dealOwners,
  create: createDealProcedure,
  update: updateDealProcedure,
  move: moveDealProcedure,
  close: closeDealProcedure,
  reopen: reopenDealProcedure,
  delete: deleteDeal,
  restore: restoreDeal,
});
