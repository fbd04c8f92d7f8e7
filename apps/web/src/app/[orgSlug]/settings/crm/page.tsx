import type { Metadata } from "next";
import { CrmSettingsView } from "./crm-settings-view";

export const metadata: Metadata = { title: "CRM settings" };

export default function CrmSettingsPage() {
  return <CrmSettingsView />;
}
