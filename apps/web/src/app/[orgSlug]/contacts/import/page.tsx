import type { Metadata } from "next";
import { ContactImportView } from "./import-view";

export const metadata: Metadata = { title: "Import contacts" };

export default function ContactImportPage() {
  return <ContactImportView />;
}
