import { z } from "zod";
import { idSchema } from "./common";

export const alertListInput = z.object({ unreadOnly: z.boolean().default(false) }).default({ unreadOnly: false });

export const markAlertsReadInput = z.union([
  z.object({ alertIds: z.array(idSchema).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkAlertsReadInput = z.infer<typeof markAlertsReadInput>;
