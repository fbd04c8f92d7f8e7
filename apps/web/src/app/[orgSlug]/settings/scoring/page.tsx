import type { Metadata } from "next";
import { ScoringView } from "./scoring-view";

export const metadata: Metadata = { title: "Lead scoring" };

export default function ScoringSettingsPage() {
  return <ScoringView />;
}
