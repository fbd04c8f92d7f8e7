"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { useTheme } from "next-themes";
import { LogOutIcon, MonitorIcon, MoonIcon, PlusIcon, ShieldCheckIcon, SunIcon } from "lucide-react";
import Link from "next/link";
import { Avatar, AvatarFallback } from "@mg/ui/avatar";
import { Button } from "@mg/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@mg/ui/dropdown-menu";
import { cn } from "@mg/ui/lib/utils";
import { initials } from "~/lib/format";

export function UserMenu({ user, className, showName = false }: { user: { name: string | null; email: string }; className?: string; showName?: boolean }) {
  const { theme, setTheme } = useTheme();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className={cn("h-auto gap-2 px-2 py-1.5", showName && "w-full justify-start", className)} data-testid="user-menu">
          {/* Named by its content, which includes what it shows (WCAG 2.5.3). */}
          {showName ? null : <span className="sr-only">Account menu</span>}
          <Avatar className="size-8">
            <AvatarFallback className="bg-primary/10 text-primary">{initials(user.name, user.email)}</AvatarFallback>
          </Avatar>
          {showName ? (
            <span className="flex min-w-0 flex-col text-left leading-tight">
              <span className="truncate text-sm font-medium">{user.name ?? user.email}</span>
              {user.name ? <span className="truncate text-xs text-muted-foreground">{user.email}</span> : null}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="flex flex-col gap-0.5">
          <span className="truncate">{user.name ?? "Signed in"}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
          <DropdownMenuRadioItem value="light">
            <SunIcon aria-hidden /> Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">
            <MoonIcon aria-hidden /> Dark
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system">
            <MonitorIcon aria-hidden /> System
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/account">
            <ShieldCheckIcon aria-hidden /> Account and security
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/onboarding">
            <PlusIcon aria-hidden /> New organization
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem
          disabled={signingOut}
          onSelect={() => {
            setSigningOut(true);
            void signOut({ callbackUrl: "/sign-in" });
          }}
        >
          <LogOutIcon aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
