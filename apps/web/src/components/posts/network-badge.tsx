import { cn } from "@mg/ui/lib/utils";
import type { NetworkId } from "./types";

export const NETWORK_NAMES: Record<NetworkId, string> = {
  SANDBOX: "Sandbox",
  FACEBOOK: "Facebook",
  INSTAGRAM: "Instagram",
  LINKEDIN: "LinkedIn",
  X: "X",
  TIKTOK: "TikTok",
};

const NETWORK_STYLE: Record<NetworkId, { short: string; className: string }> = {
  SANDBOX: { short: "Sb", className: "bg-foreground text-background" },
  FACEBOOK: { short: "f", className: "bg-[#1877f2] text-white" },
  INSTAGRAM: { short: "Ig", className: "bg-[#d62976] text-white" },
  LINKEDIN: { short: "in", className: "bg-[#0a66c2] text-white" },
  X: { short: "X", className: "bg-black text-white dark:bg-white dark:text-black" },
  TIKTOK: { short: "Tt", className: "bg-[#010101] text-white ring-1 ring-[#25f4ee]" },
};

/** A small square network mark with the network's name for assistive tech. */
export function NetworkMark({ network, className }: { network: NetworkId; className?: string }) {
  const style = NETWORK_STYLE[network];
  return (
    <span
      role="img"
      aria-label={NETWORK_NAMES[network]}
      title={NETWORK_NAMES[network]}
      className={cn("inline-flex size-5 shrink-0 items-center justify-center rounded text-[0.625rem] leading-none font-bold", style.className, className)}
    >
      {style.short}
    </span>
  );
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
