"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import { Badge } from "@mg/ui/badge";
import { PageHeader } from "@mg/ui/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@mg/ui/tabs";
import { QueryStates } from "~/components/query-states";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { FormBuilder } from "./form-builder";
import { FormShare } from "./form-share";
import { FormSpam } from "./form-spam";
import { FormSubmissions } from "./form-submissions";

/** One form: build it, share and embed it, read its submissions and what was blocked. */
export function FormWorkspace({ formId }: { formId: string }) {
  const { slug } = useOrg();
  const trpc = useTRPC();
  const query = useQuery(trpc.forms.get.queryOptions({ formId }));
  const data = query.data;
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href={`/${slug}/forms`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon aria-hidden className="size-4" /> Forms
          </Link>
        }
        title={data?.form.name ?? "Form"}
        description={data ? `Revision ${data.form.revision} · /f/${slug}/${data.form.slug}` : undefined}
        actions={data?.form.status === "ARCHIVED" ? <Badge variant="outline">Archived: not accepting submissions</Badge> : undefined}
      />
      <QueryStates query={query} loadingLabel="Loading the form" rows={4} isEmpty={false} empty={null}>
        {data ? (
          <Tabs defaultValue="build">
            <TabsList>
              <TabsTrigger value="build">Build</TabsTrigger>
              <TabsTrigger value="share">Share &amp; embed</TabsTrigger>
              <TabsTrigger value="submissions">Submissions</TabsTrigger>
              <TabsTrigger value="spam">Spam</TabsTrigger>
            </TabsList>
            <TabsContent value="build" className="pt-4">
              <FormBuilder key={data.form.revision} data={data} />
            </TabsContent>
            <TabsContent value="share" className="pt-4">
              <FormShare snippets={data.snippets} />
            </TabsContent>
            <TabsContent value="submissions" className="pt-4">
              <FormSubmissions formId={formId} definition={data.form.definition} />
            </TabsContent>
            <TabsContent value="spam" className="pt-4">
              <FormSpam formId={formId} />
            </TabsContent>
          </Tabs>
        ) : null}
      </QueryStates>
    </div>
  );
}
