import type { Metadata } from "next";
import { PostView } from "./post-view";

export const metadata: Metadata = { title: "Post" };

export default async function PostPage({ params }: PageProps<"/[orgSlug]/posts/[postId]">) {
  const { postId } = await params;
  return <PostView postId={postId} />;
}
