"use client";

import Link from "next/link";
import { CheckIcon, LinkIcon, TriangleAlertIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { cn } from "@mg/ui/lib/utils";
import { Skeleton } from "@mg/ui/skeleton";
import { formatHandle, NetworkMark } from "../network-badge";
import type { SocialAccountView } from "../types";

/** Which accounts the post goes to: one toggle per connected account. */
export function AccountPicker({
  accounts,
  loading,
  selected,
  onToggle,
  accountsHref,
  disabled = false,
  errorCount,
}: {
  accounts: readonly SocialAccountView[];
  loading: boolean;
  selected: readonly string[];
  onToggle: (accountId: string, on: boolean) => void;
  accountsHref: string;
  disabled?: boolean;
  errorCount: (accountId: string) => number;
}) {
  if (loading) {
    return (
      <div className="grid gap-2" role="status" aria-busy aria-label="Loading accounts">
        <Skeleton className="h-12" />
        <Skeleton className="h-12" />
      </div>
    );
  }
  const usable = accounts.filter((a) => a.status !== "DISCONNECTED");
  if (usable.length === 0) {
    return (
      <EmptyState
        icon={<LinkIcon />}
        titleAs="h3"
        title="No social accounts yet"
        description="Connect an account — the built-in Sandbox works without any setup — and come back to publish."
        className="p-6 md:p-6"
        data-testid="no-accounts"
        action={
          <Button asChild size="sm">
            <Link href={accountsHref}>Connect an account</Link>
          </Button>
        }
      />
    );
  }
  const chosen = new Set(selected);
  return (
    <ul className="grid gap-2" aria-label="Accounts">
      {usable.map((account) => {
        const on = chosen.has(account.id);
        const needsReconnect = account.status === "NEEDS_RECONNECT";
        const errors = on ? errorCount(account.id) : 0;
        return (
          <li key={account.id}>
            <button
              type="button"
              role="checkbox"
              aria-checked={on}
              disabled={disabled}
              onClick={() => onToggle(account.id, !on)}
              data-testid="account-option"
              data-handle={account.handle ?? ""}
              className={cn(
                "flex w-full items-center gap-3 rounded-lg border px-3 py-2 text-left text-sm transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60",
                on ? "border-primary bg-primary/5" : "hover:bg-accent",
              )}
            >
              <NetworkMark network={account.network} />
              <span className="grid min-w-0 flex-1">
                <span className="truncate font-medium">{account.name}</span>
                <span className="truncate text-xs text-muted-foreground">
                  {account.handle ? formatHandle(account.handle) : account.network.toLowerCase()}
                  {needsReconnect ? " · needs reconnecting" : ""}
                </span>
              </span>
              {needsReconnect ? <TriangleAlertIcon className="size-4 text-warning" aria-label="Needs reconnecting" /> : null}
              {errors > 0 ? (
                <span className="rounded-full bg-destructive px-1.5 text-[0.6875rem] font-semibold text-destructive-foreground" aria-label={`${errors} problem${errors === 1 ? "" : "s"}`}>
                  {errors}
                </span>
              ) : null}
              <span aria-hidden className={cn("flex size-5 items-center justify-center rounded border", on ? "border-primary bg-primary text-primary-foreground" : "border-input")}>
                {on ? <CheckIcon className="size-3.5" /> : null}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
