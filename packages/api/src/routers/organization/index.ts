import { createTRPCRouter } from "../../trpc/init";
import { createOrganizationProcedure } from "./create";
import { createClientProcedure } from "./create-client";
import { currentOrganization } from "./current";
import { gettingStarted } from "./getting-started";
import { jobStatus } from "./job-status";
import { listClients } from "./list-clients";
import { listMine } from "./list-mine";
import { updateBranding } from "./update-branding";
import { updateSettings } from "./update-settings";

export const organizationRouter = createTRPCRouter({
  listMine,
  create: createOrganizationProcedure,
  current: currentOrganization,
  updateSettings,
  updateBranding,
  createClient: createClientProcedure,
  listClients,
  jobStatus,
  gettingStarted,
});
