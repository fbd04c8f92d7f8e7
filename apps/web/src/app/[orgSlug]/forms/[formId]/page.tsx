import type { Metadata } from "next";
import { idSchema } from "@mg/api/schemas";
import { notFound } from "next/navigation";
import { FormWorkspace } from "./form-workspace";

export const metadata: Metadata = { title: "Form" };

export default async function FormPage({ params }: PageProps<"/[orgSlug]/forms/[formId]">) {
  const { formId } = await params;
  if (!idSchema.safeParse(formId).success) notFound();
  return <FormWorkspace formId={formId} />;
}
