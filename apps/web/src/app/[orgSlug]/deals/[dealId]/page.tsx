import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { DealDetailView } from "./deal-detail-view";

export const metadata: Metadata = { title: "Deal" };

export default async function DealPage({ params }: { params: Promise<{ orgSlug: string; dealId: string }> }) {
  const { dealId } = await params;
  if (!idSchema.safeParse(dealId).success) notFound();
  return <DealDetailView dealId={dealId} />;
}
