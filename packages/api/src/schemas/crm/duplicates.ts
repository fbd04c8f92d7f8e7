import { z } from "zod";

const id = z.string().uuid();

export const listDuplicatesInput = z.object({
  status: z.enum(["OPEN", "DISMISSED", "MERGED"]).default("OPEN"),
  limit: z.number().int().min(1).max(50).default(20),
  /** The last candidate of the previous page (keyset on score, id). */
  cursor: id.optional(),
});

export const duplicateCandidateInput = z.object({ candidateId: id });
export const duplicatesForContactInput = z.object({ contactId: id });
export const scanDuplicatesInput = z.object({}).optional();
