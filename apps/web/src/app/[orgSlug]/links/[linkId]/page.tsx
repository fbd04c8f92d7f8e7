import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { LinkStatsView } from "./link-stats-view";

export const metadata: Metadata = { title: "Link" };

export default async function LinkPage({ params }: PageProps<"/[orgSlug]/links/[linkId]">) {
  const { linkId } = await params;
  if (!idSchema.safeParse(linkId).success) notFound();
  return <LinkStatsView linkId={linkId} />;
}
