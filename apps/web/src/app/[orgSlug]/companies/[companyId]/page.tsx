import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { CompanyView } from "./company-view";

export const metadata: Metadata = { title: "Company" };

export default async function CompanyPage({ params }: PageProps<"/[orgSlug]/companies/[companyId]">) {
  const { companyId } = await params;
  if (!idSchema.safeParse(companyId).success) notFound();
  return <CompanyView companyId={companyId} />;
}
