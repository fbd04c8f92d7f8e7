import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { isOrgSlug } from "@mg/api/http";
import { withCallback } from "~/lib/callback-url";
import { getCurrentOrganization } from "~/lib/org-data";
import { currentUser } from "~/trpc/server";
import { OrgTRPCProvider } from "~/trpc/client";
import { OrgSlugProvider } from "./org-context";
import { AppShell } from "./app-shell";

export async function generateMetadata({ params }: LayoutProps<"/[orgSlug]">): Promise<Metadata> {
  const { orgSlug } = await params;
  if (!isOrgSlug(orgSlug) || !(await currentUser())) return {};
  const current = await getCurrentOrganization(orgSlug);
  if (!current) return {};
  return { title: { template: `%s · ${current.organization.name}`, default: current.organization.name } };
}

/**
 * Every `/[orgSlug]/…` page: signed-out visitors go to sign-in (and come back), outsiders and
 * unknown slugs get the same 404, members get the shell with their organization's data.
 */
export default async function OrgLayout({ children, params }: LayoutProps<"/[orgSlug]">) {
  const { orgSlug } = await params;
  if (!isOrgSlug(orgSlug)) notFound();
  const user = await currentUser();
  if (!user) {
    const path = (await headers()).get("x-mg-pathname") ?? `/${orgSlug}`;
    redirect(withCallback("/sign-in", path));
  }
  const current = await getCurrentOrganization(orgSlug);
  if (!current) notFound();
  return (
    <OrgTRPCProvider key={orgSlug} orgSlug={orgSlug} initialCurrent={current}>
      <OrgSlugProvider slug={orgSlug} user={{ id: user.id, name: user.name, email: user.email }}>
        <AppShell>{children}</AppShell>
      </OrgSlugProvider>
    </OrgTRPCProvider>
  );
}
