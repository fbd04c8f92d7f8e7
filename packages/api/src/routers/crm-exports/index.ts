import "../../services/crm/exports/register";
import { createTRPCRouter } from "../../trpc/init";
import { cancelCrmExport } from "./cancel";
import { exportCompanies } from "./companies";
import { exportContacts } from "./contacts";
import { exportDeals } from "./deals";
import { getCrmExport } from "./get";
import { listCrmExports } from "./list";
import { crmExportParts } from "./parts";
import { resumeCrmExport } from "./resume";
import { startCompaniesExport } from "./start-companies";
import { startContactsExport } from "./start-contacts";
import { startDealsExport } from "./start-deals";

export const crmExportsRouter = createTRPCRouter({
  contacts: exportContacts,
  companies: exportCompanies,
  deals: exportDeals,
  startContacts: startContactsExport,
  startCompanies: startCompaniesExport,
  startDeals: startDealsExport,
  list: listCrmExports,
  get: getCrmExport,
  cancel: cancelCrmExport,
  resume: resumeCrmExport,
  parts: crmExportParts,
});
