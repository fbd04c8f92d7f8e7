import { createTRPCRouter } from "../../trpc/init";
import { addContactListMembers } from "./add-members";
import { archiveContactList } from "./archive";
import { createContactList } from "./create";
import { listContactLists } from "./list";
import { contactListMembers } from "./members";
import { removeContactListMembers } from "./remove-members";
import { renameContactList } from "./rename";
import { snapshotSegment } from "./snapshot-segment";

export const contactListsRouter = createTRPCRouter({
  list: listContactLists,
  create: createContactList,
  rename: renameContactList,
  archive: archiveContactList,
  addMembers: addContactListMembers,
  removeMembers: removeContactListMembers,
  members: contactListMembers,
  snapshotSegment,
});
