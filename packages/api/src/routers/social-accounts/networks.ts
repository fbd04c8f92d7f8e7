import { listNetworks } from "@mg/integrations";
import { orgProcedure } from "../../trpc/init";

/** Every network with whether this deployment can connect it and, if not, why. */
export const listNetworksProcedure = orgProcedure("posts.read").query(() =>
  listNetworks().map((n) => ({ network: n.network, displayName: n.displayName, configured: n.configured, reason: n.reason, rules: n.rules })),
);
