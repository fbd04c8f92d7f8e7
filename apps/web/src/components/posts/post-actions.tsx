"use client";

import Link from "next/link";
import { PlusIcon, UploadIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { useOrg } from "~/app/[orgSlug]/org-context";

/** "Import CSV" and "New post", each shown only to roles that may use it. */
export function PostActions() {
  const { slug, can } = useOrg();
  return (
    <>
      {can("posts.schedule") ? (
        <Button variant="outline" asChild>
          <Link href={`/${slug}/posts/import`}>
            <UploadIcon aria-hidden /> Import CSV
          </Link>
        </Button>
      ) : null}
      {can("posts.create") ? (
        <Button asChild>
          <Link href={`/${slug}/posts/new`}>
            <PlusIcon aria-hidden /> New post
          </Link>
        </Button>
      ) : null}
    </>
  );
}
