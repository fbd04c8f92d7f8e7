import { NETWORK_LABELS, NetworkIcon } from "../network-icon";
import type { NetworkId } from "./types";

export const NETWORK_NAMES: Record<NetworkId, string> = NETWORK_LABELS;

/** A small network mark, announced with the network's name. */
export function NetworkMark({ network, className }: { network: NetworkId; className?: string }) {
  return <NetworkIcon network={network} size="sm" label className={className} />;
}

/** "@northwind" — networks differ on whether the stored handle carries the "@". */
export function formatHandle(handle: string): string {
  return `@${handle.replace(/^@/, "")}`;
}

/** "Northwind · @northwind" */
export function accountLabel(account: { name: string; handle: string | null }): string {
  return account.handle ? `${account.name} · ${formatHandle(account.handle)}` : account.name;
}

/** "@northwind", or the name when the account has no handle. */
export function shortAccountLabel(account: { name: string; handle: string | null }): string {
  return account.handle ? formatHandle(account.handle) : account.name;
}
