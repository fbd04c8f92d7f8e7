import { createTRPCRouter } from "../../trpc/init";
import { archiveCampaign } from "./archive";
import { createCampaign } from "./create";
import { getCampaign } from "./get";
import { campaignLeadsProcedure } from "./leads";
import { listCampaigns } from "./list";
import { updateCampaign } from "./update";

export const campaignsRouter = createTRPCRouter({
  list: listCampaigns,
  get: getCampaign,
  create: createCampaign,
  update: updateCampaign,
  archive: archiveCampaign,
  leads: campaignLeadsProcedure,
});
