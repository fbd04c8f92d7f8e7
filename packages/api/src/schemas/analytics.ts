import { z } from "zod";
import { idSchema } from "./common";

export const analyticsDaysSchema = z.number().int().min(1).max(365).default(30);

export const analyticsOverviewInput = z.object({ days: analyticsDaysSchema }).default({ days: 30 });
export const postMetricsInput = z.object({ postId: idSchema });
export const accountMetricsInput = z.object({ accountId: idSchema, days: analyticsDaysSchema });
/** Without `days`: every published post the organization has. */
export const analyticsExportInput = z.object({ days: z.number().int().min(1).max(3650).optional() }).default({});
