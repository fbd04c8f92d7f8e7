import { cron } from "inngest";
import { inngest } from "../client";
import { purgeExpiredExportFiles } from "../crm/expired-exports";

/** Hourly: the files of CRM exports past their expiry are deleted (crm/expired-exports.ts). */
export const purgeExpiredExportsCron = inngest.createFunction(
  { id: "purge-expired-crm-exports", name: "Delete expired CRM export files", triggers: [cron("17 * * * *")], concurrency: { limit: 1 }, retries: 3 },
  async ({ step }) => ({ purged: await step.run("purge", () => purgeExpiredExportFiles()) }),
);
