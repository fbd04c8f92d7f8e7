import { createTRPCRouter } from "../../trpc/init";
import { createCompanyProcedure } from "./create";
import { deleteCompaniesProcedure } from "./delete";
import { getCompany } from "./get";
import { listCompaniesProcedure } from "./list";
import { logCompanyCall } from "./log-call";
import { logCompanyMeeting } from "./log-meeting";
import { logCompanyNote } from "./log-note";
import { restoreCompaniesProcedure } from "./restore";
import { companyTimeline } from "./timeline";
import { updateCompanyProcedure } from "./update";
import { deleteCompanyView } from "./view-delete";
import { listCompanyViews } from "./view-list";
import { saveCompanyView } from "./view-save";

export const companiesRouter = createTRPCRouter({
  list: listCompaniesProcedure,
  get: getCompany,
  create: createCompanyProcedure,
  update: updateCompanyProcedure,
  delete: deleteCompaniesProcedure,
  restore: restoreCompaniesProcedure,
  timeline: companyTimeline,
  logNote: logCompanyNote,
  logCall: logCompanyCall,
  logMeeting: logCompanyMeeting,
  viewList: listCompanyViews,
  viewSave: saveCompanyView,
  viewDelete: deleteCompanyView,
});
