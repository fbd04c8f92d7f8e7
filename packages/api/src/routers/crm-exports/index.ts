import { createTRPCRouter } from "../../trpc/init";
import { exportCompanies } from "./companies";
import { exportContacts } from "./contacts";
import { exportDeals } from "./deals";

export const crmExportsRouter = createTRPCRouter({
  contacts: exportContacts,
  companies: exportCompanies,
  deals: exportDeals,
});
