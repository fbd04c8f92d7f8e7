import Link from "next/link";
import { ArrowLeftIcon } from "lucide-react";
import { PageHeader } from "@mg/ui/page-header";
import type { ReactNode } from "react";

/** Title with a way back to the list and the calendar. */
export function PostPageHeader({ slug, title, description, actions }: { slug: string; title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <PageHeader
      title={title}
      description={description}
      actions={actions}
      eyebrow={
        <span className="flex items-center gap-3">
          <Link href={`/${slug}/posts`} className="inline-flex items-center gap-1 hover:text-foreground">
            <ArrowLeftIcon className="size-3.5" aria-hidden /> Posts
          </Link>
          <span aria-hidden>·</span>
          <Link href={`/${slug}/calendar`} className="hover:text-foreground">
            Calendar
          </Link>
        </span>
      }
    />
  );
}
