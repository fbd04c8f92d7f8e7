"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Skeleton } from "@mg/ui/skeleton";
import { Composer } from "~/components/posts/composer/composer";
import { apiError } from "~/lib/errors";
import { isPlainDate } from "~/lib/scheduling-ui";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { PostPageHeader } from "../post-page-header";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new post, optionally on a day picked in the calendar (?date=&time=), in a campaign (?campaign=) or as a copy of another (?from=). */
export function NewPostView({ date, time, from, campaign }: { date?: string; time?: string; from?: string; campaign?: string }) {
  const trpc = useTRPC();
  const { slug } = useOrg();
  const source = from && UUID.test(from) ? from : null;
  const original = useQuery({ ...trpc.posts.get.queryOptions({ postId: source ?? "" }), enabled: source !== null });
  const prefill = {
    date: isPlainDate(date) ? date : undefined,
    time: time && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? time : undefined,
    campaignId: campaign && UUID.test(campaign) ? campaign : undefined,
  };

  return (
    <div className="grid gap-6">
      <PostPageHeader slug={slug} title={source ? "Duplicate post" : "New post"} description="Compose once, adjust per account, and schedule it in your organization’s time zone." />
      {source && original.isPending ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" role="status" aria-busy aria-label="Loading">
          <Skeleton className="h-96 rounded-xl" />
          <Skeleton className="h-96 rounded-xl" />
        </div>
      ) : source && original.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the post to copy: {apiError(original.error).message}</AlertDescription>
        </Alert>
      ) : (
        <Composer prefill={prefill} duplicateOf={original.data} />
      )}
    </div>
  );
}
