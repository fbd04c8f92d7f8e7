import type { Metadata } from "next";
import { NewPostView } from "./new-post-view";

export const metadata: Metadata = { title: "New post" };

function one(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

export default async function NewPostPage({ searchParams }: PageProps<"/[orgSlug]/posts/new">) {
  const params = await searchParams;
  return <NewPostView date={one(params.date)} time={one(params.time)} from={one(params.from)} campaign={one(params.campaign)} />;
}
