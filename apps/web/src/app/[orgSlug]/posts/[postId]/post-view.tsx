"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { FileQuestionIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { Skeleton } from "@mg/ui/skeleton";
import { Composer } from "~/components/posts/composer/composer";
import { PostStatusBadge } from "~/components/posts/post-status-badge";
import { PostStatusPanel } from "~/components/posts/post-status-panel";
import type { PostDetail } from "~/components/posts/types";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { PostPageHeader } from "../post-page-header";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Watch closely while the post is about to go out, is going out, or is not verified yet. */
function pollInterval(post: PostDetail | undefined): number | false {
  if (!post) return false;
  if (post.status === "PUBLISHING") return 3_000;
  if (post.status === "SCHEDULED" && post.scheduledAt && post.scheduledAt.getTime() - Date.now() < 15 * 60_000) return 3_000;
  if ((post.status === "PUBLISHED" || post.status === "PARTIAL") && post.targets.some((t) => t.status === "PUBLISHED" && !t.verifiedAt)) return 5_000;
  return false;
}

export function PostView({ postId }: { postId: string }) {
  const trpc = useTRPC();
  const { slug, org, can } = useOrg();
  const valid = UUID.test(postId);
  const post = useQuery({ ...trpc.posts.get.queryOptions({ postId }), enabled: valid, refetchInterval: (query) => pollInterval(query.state.data) });

  if (!valid || (post.isError && apiError(post.error).code === "NOT_FOUND")) {
    return (
      <EmptyState
        icon={<FileQuestionIcon />}
        titleAs="h1"
        title="Post not found"
        description="It may have been deleted, or it belongs to another organization."
        action={
          <Button asChild>
            <Link href={`/${slug}/posts`}>Back to posts</Link>
          </Button>
        }
      />
    );
  }
  if (post.isError) {
    return (
      <Alert variant="destructive">
        <AlertDescription>Could not load the post: {apiError(post.error).message}</AlertDescription>
      </Alert>
    );
  }
  if (post.isPending) {
    return (
      <div className="grid gap-6" role="status" aria-busy aria-label="Loading post">
        <Skeleton className="h-8 w-48" />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <Skeleton className="h-96 rounded-xl" />
          <Skeleton className="h-96 rounded-xl" />
        </div>
      </div>
    );
  }
  const data = post.data;
  return (
    <div className="grid gap-6">
      <PostPageHeader slug={slug} title={data.status === "DRAFT" ? "Draft" : "Post"} actions={<PostStatusBadge status={data.status} className="text-sm" />} />
      {data.status !== "DRAFT" ? <PostStatusPanel post={data} timezone={org.timezone} canRetry={can("posts.publish")} /> : null}
      {/* A fresh form whenever the saved post changes (after a save, or once it goes out). */}
      <Composer key={data.updatedAt.getTime()} post={data} />
    </div>
  );
}
