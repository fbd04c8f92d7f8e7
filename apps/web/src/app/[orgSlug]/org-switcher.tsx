"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { BriefcaseBusinessIcon, Building2Icon, CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@mg/ui/dropdown-menu";
import { cn } from "@mg/ui/lib/utils";
import { Skeleton } from "@mg/ui/skeleton";
import { initials } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "./org-context";

function OrgAvatar({ name, agency, className }: { name: string; agency: boolean; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-8 shrink-0 items-center justify-center rounded-md text-xs font-semibold",
        agency ? "bg-primary text-primary-foreground" : "bg-chart-2/15 text-foreground ring-1 ring-chart-2/40",
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}

/**
 * Every organization the user can enter — agencies with their clients nested under them, then
 * businesses. Keyboard: Enter/Space opens, arrows move, type-ahead jumps, Enter switches.
 */
export function OrgSwitcher({ onNavigate }: { onNavigate?: () => void }) {
  const trpc = useTRPC();
  const { org, current, slug } = useOrg();
  const mine = useQuery(trpc.organization.listMine.queryOptions());
  const subtitle = current.parent ? `Client of ${current.parent.name}` : org.kind === "AGENCY" ? "Agency" : "Business";

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full items-center gap-3 rounded-lg border border-sidebar-border bg-background/60 p-2 text-left shadow-xs transition-colors outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-sidebar-ring data-[state=open]:bg-sidebar-accent"
        data-testid="org-switcher"
      >
        {/* The visible name is part of the button's name (WCAG 2.5.3): the purpose comes first, for screen readers. */}
        <span className="sr-only">Switch organization. Current:</span>
        <OrgAvatar name={org.name} agency={org.kind === "AGENCY"} />
        <span className="flex min-w-0 flex-1 flex-col leading-tight">
          <span className="truncate text-sm font-semibold" data-testid="current-org-name">
            {org.name}
          </span>
          <span className="truncate text-xs text-muted-foreground">{subtitle}</span>
        </span>
        <ChevronsUpDownIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="max-h-[70vh] w-72 overflow-y-auto" data-testid="org-switcher-menu">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Your organizations</DropdownMenuLabel>
        {mine.isPending ? (
          <div className="grid gap-2 p-2" aria-busy>
            <Skeleton className="h-7" />
            <Skeleton className="h-7" />
          </div>
        ) : mine.isError ? (
          <p className="p-2 text-sm text-destructive">Could not load your organizations.</p>
        ) : (
          mine.data.map((top, index) => (
            <DropdownMenuGroup key={top.id}>
              {index > 0 && (top.clients.length > 0 || (mine.data[index - 1]?.clients.length ?? 0) > 0) ? <DropdownMenuSeparator /> : null}
              <DropdownMenuItem asChild>
                <Link href={`/${top.slug}`} onClick={onNavigate} aria-current={top.slug === slug ? "page" : undefined}>
                  {top.kind === "AGENCY" ? <BriefcaseBusinessIcon aria-hidden /> : <Building2Icon aria-hidden />}
                  <span className="min-w-0 flex-1 truncate">{top.name}</span>
                  {top.kind === "AGENCY" ? <span className="text-[0.6875rem] text-muted-foreground uppercase">Agency</span> : null}
                  {top.slug === slug ? <CheckIcon className="text-primary" aria-label="Current" /> : null}
                </Link>
              </DropdownMenuItem>
              {top.clients.map((client) => (
                <DropdownMenuItem key={client.id} asChild className="pl-8">
                  <Link href={`/${client.slug}`} onClick={onNavigate} aria-current={client.slug === slug ? "page" : undefined}>
                    <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-muted-foreground/50" />
                    <span className="min-w-0 flex-1 truncate">{client.name}</span>
                    {client.slug === slug ? <CheckIcon className="text-primary" aria-label="Current" /> : null}
                  </Link>
                </DropdownMenuItem>
              ))}
            </DropdownMenuGroup>
          ))
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/onboarding" onClick={onNavigate}>
            <PlusIcon aria-hidden /> Create organization
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
