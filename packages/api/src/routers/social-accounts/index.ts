import { createTRPCRouter } from "../../trpc/init";
import { disconnect } from "./disconnect";
import { listSocialAccounts } from "./list";
import { listNetworksProcedure } from "./networks";
import { refreshToken } from "./refresh-token";
import { startConnectProcedure } from "./start-connect";

export const socialAccountsRouter = createTRPCRouter({
  list: listSocialAccounts,
  networks: listNetworksProcedure,
  startConnect: startConnectProcedure,
  disconnect,
  refreshToken,
});
