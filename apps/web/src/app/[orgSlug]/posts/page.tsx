import { Suspense } from "react";
import type { Metadata } from "next";
import { PostsListView, PostsTableSkeleton } from "./posts-list-view";

export const metadata: Metadata = { title: "Posts" };

export default function PostsPage() {
  return (
    <Suspense fallback={<PostsTableSkeleton />}>
      <PostsListView />
    </Suspense>
  );
}
