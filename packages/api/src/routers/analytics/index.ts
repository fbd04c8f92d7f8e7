import { createTRPCRouter } from "../../trpc/init";
import { accountMetrics } from "./account-metrics";
import { exportCsv } from "./export-csv";
import { overview } from "./overview";
import { postMetrics } from "./post-metrics";

export const analyticsRouter = createTRPCRouter({
  overview,
  postMetrics,
  accountMetrics,
  export: exportCsv,
});
