import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { SegmentEditor } from "../segment-editor";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({ params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  if (!idSchema.safeParse(segmentId).success) notFound();
  return <SegmentEditor segmentId={segmentId} />;
}
