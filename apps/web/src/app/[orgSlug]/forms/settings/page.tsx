import type { Metadata } from "next";
import { LeadCaptureSettingsView } from "./lead-capture-settings";

export const metadata: Metadata = { title: "Lead capture settings" };

export default function LeadCaptureSettingsPage() {
  return <LeadCaptureSettingsView />;
}
