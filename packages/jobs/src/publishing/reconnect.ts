import type { TenantDb } from "@mg/db";
import { alertKeys, raiseAlert } from "./alerts";

/** Marks the account NEEDS_RECONNECT and raises one reconnect alert per connection. */
export async function flagReconnect(
  db: TenantDb,
  organizationId: string,
  account: { id: string; name: string; network: string; connectedAt: Date },
  reason: string,
): Promise<void> {
  await db.socialAccount.updateMany({ where: { id: account.id, status: "CONNECTED" }, data: { status: "NEEDS_RECONNECT", lastError: reason } });
  await raiseAlert(db, {
    organizationId,
    kind: "ACCOUNT_RECONNECT",
    title: `Reconnect ${account.name}`,
    body: `${account.network} no longer accepts this connection (${reason}). Reconnect the account so scheduled posts can go out.`,
    socialAccountId: account.id,
    dedupeKey: alertKeys.accountReconnect(account.id, account.connectedAt),
  });
}
