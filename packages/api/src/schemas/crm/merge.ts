import { z } from "zod";

const id = z.string().uuid();

export const MERGE_FIELD_NAMES = ["firstName", "lastName", "primaryEmail", "primaryPhone", "jobTitle", "companyId", "ownerUserId", "lifecycleStage", "source", "externalId"] as const;

export const mergeContactsInput = z.object({
  /** Two to ten contacts; the oldest survives (its id is kept). */
  contactIds: z.array(id).min(2, "Choose at least two contacts.").max(10),
  /** Per field, the contact whose value survives; a field not listed keeps the newest non-empty value. */
  values: z
    .array(z.object({ field: z.union([z.enum(MERGE_FIELD_NAMES), z.string().max(43).regex(/^custom:[0-9a-f-]{36}$/i)]), contactId: id }))
    .max(100)
    .default([]),
  /** The review-queue pair this merge resolves, if any. */
  candidateId: id.optional(),
});
export type MergeContactsInput = z.infer<typeof mergeContactsInput>;

export const undoMergeInput = z.object({ mergeId: id });

export const COMPANY_MERGE_FIELD_NAMES = ["name", "domain", "industry", "size", "country", "address", "ownerUserId"] as const;

export const mergeCompaniesInput = z.object({
  /** Two to ten companies; the oldest survives (its id is kept). */
  companyIds: z.array(id).min(2, "Choose at least two companies.").max(10),
  values: z.array(z.object({ field: z.enum(COMPANY_MERGE_FIELD_NAMES), companyId: id })).max(20).default([]),
});
