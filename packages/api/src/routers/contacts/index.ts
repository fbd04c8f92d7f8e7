import { createTRPCRouter } from "../../trpc/init";
import { bulkUpdateContactsProcedure } from "./bulk-update";
import { contactConsentHistory } from "./consent-history";
import { createContactProcedure } from "./create";
import { deleteContactsProcedure } from "./delete";
import { getContact } from "./get";
import { listContactsProcedure } from "./list";
import { logContactCall } from "./log-call";
import { logContactMeeting } from "./log-meeting";
import { logContactNote } from "./log-note";
import { recordContactConsent } from "./record-consent";
import { restoreContactsProcedure } from "./restore";
import { contactTimeline } from "./timeline";
import { updateContactProcedure } from "./update";
import { deleteContactView } from "./view-delete";
import { listContactViews } from "./view-list";
import { saveContactView } from "./view-save";

export const contactsRouter = createTRPCRouter({
  list: listContactsProcedure,
  get: getContact,
  create: createContactProcedure,
  update: updateContactProcedure,
  delete: deleteContactsProcedure,
  restore: restoreContactsProcedure,
  bulkUpdate: bulkUpdateContactsProcedure,
  timeline: contactTimeline,
  logNote: logContactNote,
  logCall: logContactCall,
  logMeeting: logContactMeeting,
  recordConsent: recordContactConsent,
  consentHistory: contactConsentHistory,
  viewList: listContactViews,
  viewSave: saveContactView,
  viewDelete: deleteContactView,
});
