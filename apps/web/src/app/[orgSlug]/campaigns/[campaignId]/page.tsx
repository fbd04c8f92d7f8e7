import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { CampaignDetailView } from "./campaign-detail-view";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: PageProps<"/[orgSlug]/campaigns/[campaignId]">) {
  const { campaignId } = await params;
  if (!idSchema.safeParse(campaignId).success) notFound();
  return <CampaignDetailView campaignId={campaignId} />;
}
