import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { ContactView } from "./contact-view";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: PageProps<"/[orgSlug]/contacts/[contactId]">) {
  const { contactId } = await params;
  if (!idSchema.safeParse(contactId).success) notFound();
  return <ContactView contactId={contactId} />;
}
