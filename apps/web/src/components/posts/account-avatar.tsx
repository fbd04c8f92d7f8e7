"use client";

import { Avatar, AvatarFallback, AvatarImage } from "@mg/ui/avatar";
import { cn } from "@mg/ui/lib/utils";
import { initials } from "~/lib/format";

export interface AvatarAccount {
  id: string;
  name: string;
  /** The profile picture the network gave (socialAccounts.list); initials when absent or broken. */
  avatarUrl: string | null;
}

/** One account's picture, or its initials. Decorative: the account is named in text nearby. */
export function AccountAvatar({ account, className }: { account: AvatarAccount; className?: string }) {
  return (
    <Avatar className={cn("size-4 ring-1 ring-card", className)} aria-hidden>
      {account.avatarUrl ? <AvatarImage src={account.avatarUrl} alt="" /> : null}
      <AvatarFallback className="text-[0.5rem] leading-none">{initials(account.name)}</AvatarFallback>
    </Avatar>
  );
}

/** Up to `max` overlapping avatars, then "+n". */
export function AccountAvatars({ accounts, max = 2, className }: { accounts: readonly AvatarAccount[]; max?: number; className?: string }) {
  if (accounts.length === 0) return null;
  const shown = accounts.slice(0, max);
  const more = accounts.length - shown.length;
  return (
    <span className={cn("inline-flex shrink-0 items-center -space-x-1", className)} aria-hidden>
      {shown.map((account) => (
        <AccountAvatar key={account.id} account={account} />
      ))}
      {more > 0 ? <span className="pl-1.5 text-[0.625rem] text-muted-foreground tabular-nums">+{more}</span> : null}
    </span>
  );
}
