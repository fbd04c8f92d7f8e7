"use client";

import { useState, type ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  BuildingIcon,
  CalendarDaysIcon,
  ChartColumnIcon,
  FileTextIcon,
  GaugeIcon,
  ImageIcon,
  LayoutDashboardIcon,
  MegaphoneIcon,
  MenuIcon,
  ScrollTextIcon,
  SettingsIcon,
  Share2Icon,
  SplitIcon,
  ContactIcon,
  Link2Icon,
  Building2Icon,
  HandshakeIcon,
  LayoutTemplateIcon,
  FileInputIcon,
  ListTodoIcon,
  UsersIcon,
  type LucideIcon,
} from "lucide-react";
import { Button } from "@mg/ui/button";
import { cn } from "@mg/ui/lib/utils";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@mg/ui/sheet";
import type { Permission } from "@mg/api/rbac";
import { AlertsBell } from "~/components/alerts-bell";
import { LogoMark } from "~/components/logo";
import { UserMenu } from "~/components/user-menu";
import { OrgSwitcher } from "./org-switcher";
import { useOrg } from "./org-context";

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  permission: Permission;
  agencyOnly?: boolean;
  exact?: boolean;
}

interface NavGroup {
  label: string | null;
  items: NavItem[];
}

const NAV: NavGroup[] = [
  { label: null, items: [{ href: "", label: "Dashboard", icon: LayoutDashboardIcon, permission: "organization.read", exact: true }] },
  {
    label: "Publishing",
    items: [
      { href: "/calendar", label: "Calendar", icon: CalendarDaysIcon, permission: "posts.read" },
      { href: "/posts", label: "Posts", icon: FileTextIcon, permission: "posts.read" },
      { href: "/accounts", label: "Accounts", icon: Share2Icon, permission: "posts.read" },
      { href: "/media", label: "Media", icon: ImageIcon, permission: "posts.read" },
      { href: "/campaigns", label: "Campaigns", icon: MegaphoneIcon, permission: "campaigns.read" },
      { href: "/analytics", label: "Analytics", icon: ChartColumnIcon, permission: "analytics.view_basic" },
      { href: "/ab-tests", label: "A/B tests", icon: SplitIcon, permission: "posts.read" },
    ],
  },
  {
    label: "CRM",
    items: [
      { href: "/contacts", label: "Contacts", icon: ContactIcon, permission: "contacts.read" },
      { href: "/companies", label: "Companies", icon: Building2Icon, permission: "companies.read" },
      { href: "/deals", label: "Deals", icon: HandshakeIcon, permission: "deals.read" },
      { href: "/tasks", label: "Tasks", icon: ListTodoIcon, permission: "tasks.read" },
      { href: "/settings/scoring", label: "Lead scoring", icon: GaugeIcon, permission: "scoring.read" },
    ],
  },
  {
    label: "Lead capture",
    items: [
      { href: "/pages", label: "Pages", icon: LayoutTemplateIcon, permission: "pages.read" },
      { href: "/forms", label: "Forms", icon: FileInputIcon, permission: "forms.read" },
      { href: "/links", label: "Links", icon: Link2Icon, permission: "links.read" },
    ],
  },
  {
    label: "Organization",
    items: [
      { href: "/clients", label: "Clients", icon: BuildingIcon, permission: "clients.read", agencyOnly: true },
      { href: "/members", label: "Members", icon: UsersIcon, permission: "users.read" },
      { href: "/settings", label: "Settings", icon: SettingsIcon, permission: "settings.read" },
      { href: "/audit", label: "Audit log", icon: ScrollTextIcon, permission: "audit.read" },
    ],
  },
];

function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const { slug, can, isAgency } = useOrg();
  const groups = NAV.map((group) => ({ ...group, items: group.items.filter((item) => can(item.permission) && (!item.agencyOnly || isAgency)) })).filter((group) => group.items.length > 0);
  return (
    <nav aria-label="Main" className="grid gap-4">
      {groups.map((group) =>
        group.label ? (
          <div key={group.label} role="group" aria-labelledby={`nav-${group.label}`} className="grid gap-1">
            <p id={`nav-${group.label}`} className="px-3 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {group.label}
            </p>
            <NavLinks items={group.items} slug={slug} onNavigate={onNavigate} />
          </div>
        ) : (
          <div key="top" className="grid gap-1">
            <NavLinks items={group.items} slug={slug} onNavigate={onNavigate} />
          </div>
        ),
      )}
    </nav>
  );
}

function NavLinks({ items, slug, onNavigate }: { items: NavItem[]; slug: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <>
      {items.map((item) => {
        const href = `/${slug}${item.href}`;
        const active = item.exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
        const Icon = item.icon;
        return (
          <Link
            key={item.label}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-sidebar-ring",
              active ? "bg-sidebar-accent text-sidebar-accent-foreground" : "text-sidebar-foreground/75 hover:bg-sidebar-accent/60 hover:text-sidebar-foreground",
            )}
          >
            <Icon className={cn("size-4", active ? "text-sidebar-primary" : "text-muted-foreground")} aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </>
  );
}

function SidebarBody({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useOrg();
  return (
    <div className="flex h-full flex-col gap-6 overflow-y-auto p-3">
      <Link href="/" className="flex items-center gap-2 px-2 pt-1 font-semibold tracking-tight" onClick={onNavigate}>
        <LogoMark className="size-6" /> Marketing Genius
      </Link>
      <OrgSwitcher onNavigate={onNavigate} />
      <SidebarNav onNavigate={onNavigate} />
      <div className="mt-auto border-t border-sidebar-border pt-3">
        <UserMenu user={user} showName />
      </div>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { org, user, slug, can } = useOrg();
  return (
    <div className="flex min-h-dvh">
      <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 border-r border-sidebar-border bg-sidebar text-sidebar-foreground md:block" aria-label="Sidebar">
        <SidebarBody />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/90 px-4 backdrop-blur md:justify-end md:px-10">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" aria-label="Open navigation" className="md:hidden">
                <MenuIcon aria-hidden />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" className="w-72 bg-sidebar p-0 text-sidebar-foreground">
              <SheetTitle className="sr-only">Navigation</SheetTitle>
              <SheetDescription className="sr-only">Switch organization and move between pages.</SheetDescription>
              <SidebarBody onNavigate={() => setOpen(false)} />
            </SheetContent>
          </Sheet>
          <span className="min-w-0 flex-1 truncate font-semibold md:hidden">{org.name}</span>
          {can("posts.read") ? <AlertsBell slug={slug} /> : null}
          <div className="md:hidden">
            <UserMenu user={user} />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 md:px-10 md:py-10">
          {children}
        </main>
      </div>
    </div>
  );
}
