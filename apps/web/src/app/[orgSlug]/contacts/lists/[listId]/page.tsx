import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idSchema } from "@mg/api/schemas";
import { ListDetailView } from "./list-detail-view";

export const metadata: Metadata = { title: "List" };

export default async function ListPage({ params }: { params: Promise<{ listId: string }> }) {
  const { listId } = await params;
  if (!idSchema.safeParse(listId).success) notFound();
  return <ListDetailView listId={listId} />;
}
