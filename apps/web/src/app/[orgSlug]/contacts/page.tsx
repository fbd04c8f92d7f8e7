import type { Metadata } from "next";
import { idSchema } from "@mg/api/schemas";
import { ContactsView } from "./contacts-view";

export const metadata: Metadata = { title: "Contacts" };

/** `?companyId=` opens the table filtered to one company's people (the company page links here). */
export default async function ContactsPage({ searchParams }: PageProps<"/[orgSlug]/contacts">) {
  const { companyId } = await searchParams;
  const company = typeof companyId === "string" && idSchema.safeParse(companyId).success ? companyId : null;
  return <ContactsView key={company ?? "all"} companyId={company} />;
}
