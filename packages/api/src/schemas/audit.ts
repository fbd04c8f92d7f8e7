import { z } from "zod";
import { idSchema } from "./common";

export const auditListInput = z.object({
  action: z.string().trim().max(100).optional(),
  actorId: idSchema.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type AuditListInput = z.infer<typeof auditListInput>;
