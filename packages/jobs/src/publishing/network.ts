import { authForAccount, getNetworkAdapter } from "@mg/integrations";
import type { AccountAuth, NetworkAdapter } from "@mg/integrations/types";

/**
 * The publish pipeline's only door to @mg/integrations: the adapter of a network (tests swap it
 * with `setNetworkAdapterOverride`) and the decrypted credentials of an account.
 */
export type AccountForAuth = Parameters<typeof authForAccount>[0];

export function adapterFor(network: Parameters<typeof getNetworkAdapter>[0]): NetworkAdapter {
  return getNetworkAdapter(network);
}

export async function accountAuth(account: AccountForAuth): Promise<AccountAuth> {
  return await authForAccount(account);
}
