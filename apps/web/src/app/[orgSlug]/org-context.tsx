"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import type { Permission } from "@mg/api/rbac";
import { useTRPC } from "~/trpc/client";

export type CurrentOrganization = inferRouterOutputs<AppRouter>["organization"]["current"];
export interface SessionUserView {
  id: string;
  name: string | null;
  email: string;
}

const OrgSlugContext = createContext<{ slug: string; user: SessionUserView } | null>(null);

export function OrgSlugProvider({ slug, user, children }: { slug: string; user: SessionUserView; children: ReactNode }) {
  return <OrgSlugContext.Provider value={{ slug, user }}>{children}</OrgSlugContext.Provider>;
}

/**
 * The organization in the URL: its data (seeded by the layout, refreshed in the background), the
 * caller's role and a `can()` for hiding what the role may not use. The API enforces regardless.
 */
export function useOrg() {
  const ctx = useContext(OrgSlugContext);
  if (!ctx) throw new Error("useOrg() outside /[orgSlug]");
  const trpc = useTRPC();
  const { data } = useQuery(trpc.organization.current.queryOptions());
  // The layout seeds this query before rendering, so it is always present.
  const current = data as CurrentOrganization;
  const permissions = new Set<string>(current.permissions);
  return {
    slug: ctx.slug,
    user: ctx.user,
    current,
    org: current.organization,
    role: current.role,
    isAgency: current.organization.kind === "AGENCY",
    can: (permission: Permission) => permissions.has(permission),
  };
}
