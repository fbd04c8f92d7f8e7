import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MessageCircleIcon, Trash2Icon } from "lucide-react";
import { Avatar, AvatarFallback } from "@mg/ui/avatar";
import { Card, CardContent, CardFooter, CardHeader } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { initials } from "~/lib/format";
import { findSandboxPost } from "../../sandbox-posts";

export const metadata: Metadata = { title: "Sandbox post" };
export const dynamic = "force-dynamic";

const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function SandboxPostPage({ params }: PageProps<"/sandbox/posts/[id]">) {
  const { id } = await params;
  const post = await findSandboxPost(id);
  if (!post) notFound();
  if (post.deleted) {
    return <EmptyState icon={<Trash2Icon />} titleAs="h1" title="This post was deleted" description="Its author removed it from Sandbox." className="bg-background" data-testid="sandbox-post-deleted" />;
  }
  return (
    <article data-testid="sandbox-post" aria-labelledby="sandbox-post-author">
      <Card>
        <CardHeader className="flex items-center gap-3">
          <Avatar className="size-10">
            <AvatarFallback>{initials(post.author?.name, post.author?.handle ?? "S")}</AvatarFallback>
          </Avatar>
          <div className="min-w-0">
            <h1 id="sandbox-post-author" className="truncate font-semibold">
              {post.author?.name ?? "Sandbox profile"}
            </h1>
            <p className="truncate text-xs text-muted-foreground">
              {post.author?.handle ? `@${post.author.handle.replace(/^@/, "")} · ` : null}
              <time dateTime={post.createdAt.toISOString()}>{FORMAT.format(post.createdAt)} UTC</time>
            </p>
          </div>
        </CardHeader>
        <CardContent className="grid gap-4">
          {post.text ? <p className="text-[0.9375rem] leading-relaxed break-words whitespace-pre-wrap">{post.text}</p> : null}
          {post.media.length > 0 ? (
            <div className="grid grid-cols-2 gap-2">
              {post.media.map((item, index) =>
                item.kind === "VIDEO" ? (
                  <video key={index} src={item.url} controls className="aspect-square w-full rounded-lg bg-muted object-cover" />
                ) : (
                  // Media sits on arbitrary hosts: a plain <img> rather than next/image's allow-list.
                  // eslint-disable-next-line @next/next/no-img-element
                  <img key={index} src={item.url} alt={item.altText ?? ""} className="aspect-square w-full rounded-lg bg-muted object-cover" />
                ),
              )}
            </div>
          ) : null}
        </CardContent>
        {post.firstComment ? (
          <CardFooter className="border-t pt-4 [.border-t]:pt-4">
            <div className="flex gap-2 text-sm" data-testid="sandbox-first-comment">
              <MessageCircleIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-label="First comment" />
              <p className="break-words whitespace-pre-wrap">{post.firstComment}</p>
            </div>
          </CardFooter>
        ) : null}
      </Card>
    </article>
  );
}
