import { z } from "zod";
import { idSchema } from "../common";

/** Static lists of contacts (explicit members), shared by the lists page's forms and `.input()`. */

export const MAX_MEMBERS_PER_CALL = 1000;

const listName = z.string().trim().min(1, "Give the list a name.").max(120, "Use at most 120 characters.");
const description = z.string().trim().max(1000, "Use at most 1,000 characters.").nullish();
const contactIds = z.array(idSchema).min(1, "Pick at least one contact.").max(MAX_MEMBERS_PER_CALL, `At most ${MAX_MEMBERS_PER_CALL} contacts at a time.`);

export const contactListListInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
export const contactListIdInput = z.object({ listId: idSchema });
export const createContactListInput = z.object({ name: listName, description });
export type CreateContactListInput = z.infer<typeof createContactListInput>;
export const renameContactListInput = z.object({ listId: idSchema, name: listName, description });
export const archiveContactListInput = z.object({ listId: idSchema, archived: z.boolean().default(true) });
export const contactListMembersChangeInput = z.object({ listId: idSchema, contactIds });
export const contactListMembersInput = z.object({ listId: idSchema, cursor: idSchema.optional(), limit: z.number().int().min(1).max(100).default(25) });
/** A segment's current members into a list: an existing one (`listId`) or a new one (`name`). */
export const snapshotSegmentInput = z
  .object({ segmentId: idSchema, listId: idSchema.optional(), name: listName.optional() })
  .refine((v) => (v.listId === undefined) !== (v.name === undefined), { message: "Pick a list or name a new one.", path: ["name"] });
