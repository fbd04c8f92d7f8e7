import type { Metadata } from "next";
import { SegmentsView } from "./segments-view";

export const metadata: Metadata = { title: "Segments" };

export default function SegmentsPage() {
  return <SegmentsView />;
}
