"use client";

import { useDeferredValue, useState, type FormEvent } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileTextIcon, PlusIcon, SearchIcon } from "lucide-react";
import { toast } from "sonner";
import { AB_TEST_METRICS, createAbTestInput } from "@mg/api/schemas";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { cn } from "@mg/ui/lib/utils";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { NetworkIcon } from "~/components/network-icon";
import { apiError } from "~/lib/errors";
import { FormFailure } from "~/lib/form-failure";
import { formatInZone } from "~/lib/format";
import { useSchemaForm } from "~/lib/use-schema-form";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { PostStatusBadge } from "../campaigns/post-status";
import { formatWindow, METRIC_HINTS, METRIC_LABELS, type AbTestMetric } from "./metrics";

const WINDOWS = [6, 12, 24, 48, 72, 168];
const VARIANT_KEYS = "ABCDEFGHIJ";

export function CreateAbTestDialog({ label = "New A/B test", testId = "new-ab-test" }: { label?: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid={testId}>
          <PlusIcon aria-hidden /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent className="flex max-h-[calc(100dvh-2rem)] flex-col sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>New A/B test</DialogTitle>
          <DialogDescription>Pick two or more versions of a post going to the same accounts. After the last one is published and the window has passed, the one with the best result wins.</DialogDescription>
        </DialogHeader>
        {open ? <CreateForm onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CreateForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org, slug } = useOrg();
  const [name, setName] = useState("");
  const [metric, setMetric] = useState<AbTestMetric>("ENGAGEMENT_RATE");
  const [windowHours, setWindowHours] = useState(48);
  const [postIds, setPostIds] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const candidates = useQuery(trpc.posts.search.queryOptions({ statuses: ["DRAFT", "SCHEDULED"], query: query || undefined, limit: 50 }));
  const create = useMutation(trpc.abTests.create.mutationOptions());
  const { fieldErrors, failure, submit } = useSchemaForm(createAbTestInput);

  // Posts already in another test cannot be picked: list them last.
  const items = [...(candidates.data?.items ?? [])].sort((a, b) => Number(a.abTestId !== null) - Number(b.abTestId !== null));
  const chosen = items.filter((p) => postIds.includes(p.id));
  const accountSets = new Set(chosen.map((p) => [...new Set(p.targets.map((t) => t.socialAccountId))].sort().join(",")));
  const mismatch = accountSets.size > 1;
  const undated = chosen.filter((p) => !p.scheduledAt).length;

  function toggle(id: string) {
    setPostIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : ids.length >= 10 ? ids : [...ids, id]));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({ name, metric, windowHours, postIds }, async (input) => {
      const test = await create.mutateAsync(input);
      toast.success(`A/B test “${test?.name ?? name}” started`, { description: test?.decideAt ? `The winner is picked ${formatInZone(test.decideAt, org.timezone)}.` : undefined });
      await queryClient.invalidateQueries({ queryKey: trpc.abTests.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.posts.pathKey() });
      onDone();
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex min-h-0 flex-1 flex-col gap-5" noValidate data-testid="ab-test-form">
      <div className="-mx-6 grid min-h-0 flex-1 content-start gap-5 overflow-y-auto px-6 py-1">
        <FormFailure failure={failure} />
        <FormField label="Name" error={fieldErrors.name} required>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="Spring sale: question vs. offer headline" autoFocus />
        </FormField>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label="Winner by" description={METRIC_HINTS[metric]} error={fieldErrors.metric}>
            {(control) => (
              <Select value={metric} onValueChange={(v) => setMetric(v as AbTestMetric)}>
                <SelectTrigger {...control} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {AB_TEST_METRICS.map((m) => (
                    <SelectItem key={m} value={m}>
                      {METRIC_LABELS[m]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          <FormField label="Decide after" description="Measured from when the last variant goes out." error={fieldErrors.windowHours}>
            {(control) => (
              <Select value={String(windowHours)} onValueChange={(v) => setWindowHours(Number(v))}>
                <SelectTrigger {...control} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {WINDOWS.map((h) => (
                    <SelectItem key={h} value={String(h)}>
                      {formatWindow(h)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
        </div>

        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-medium">
            Variants <span className="font-normal text-muted-foreground">({postIds.length} chosen, 2–10)</span>
          </legend>
          <p className="-mt-1 text-sm text-muted-foreground">Draft or scheduled posts to the same accounts, each with a time. Write the versions first in the composer.</p>
          <div className="relative">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search posts by text or label" className="pl-9" aria-label="Search posts" />
          </div>
          {candidates.isPending ? (
            <div className="grid gap-2" role="status" aria-busy aria-label="Loading posts">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} className="h-16" />
              ))}
            </div>
          ) : candidates.isError ? (
            <Alert variant="destructive">
              <AlertDescription>{apiError(candidates.error).message}</AlertDescription>
            </Alert>
          ) : items.length === 0 ? (
            <div className="grid justify-items-center gap-2 rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
              <FileTextIcon className="size-5" aria-hidden />
              {query ? "No draft or scheduled post matches." : "No draft or scheduled posts yet."}
              <Link href={`/${slug}/posts/new`} className="font-medium text-primary underline-offset-4 hover:underline">
                Write a post
              </Link>
            </div>
          ) : (
            <ul className="grid max-h-72 gap-2 overflow-y-auto rounded-lg border p-2" aria-label="Posts that can be variants">
              {items.map((post) => {
                const index = postIds.indexOf(post.id);
                const inOtherTest = post.abTestId !== null;
                return (
                  <li key={post.id}>
                    <label
                      className={cn(
                        "flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                        index >= 0 ? "border-primary bg-primary/5" : "border-transparent hover:bg-accent",
                        inOtherTest && "cursor-not-allowed opacity-60",
                      )}
                    >
                      <input type="checkbox" className="mt-0.5 size-4 accent-primary" checked={index >= 0} disabled={inOtherTest} onChange={() => toggle(post.id)} />
                      <span className="grid min-w-0 flex-1 gap-1">
                        <span className="line-clamp-2">{post.content || <em className="text-muted-foreground">No text</em>}</span>
                        <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                          <PostStatusBadge status={post.status} />
                          <span>{post.scheduledAt ? formatInZone(post.scheduledAt, org.timezone) : "No time yet"}</span>
                          <span className="flex -space-x-1">
                            {post.targets.map((t) => (
                              <NetworkIcon key={t.id} network={t.network} size="sm" className="ring-2 ring-background" />
                            ))}
                          </span>
                          <span className="truncate">{post.targets.map((t) => t.socialAccount.name).join(", ")}</span>
                          {inOtherTest ? <span>· already in a test</span> : null}
                        </span>
                      </span>
                      {index >= 0 ? (
                        <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground" aria-label={`Variant ${VARIANT_KEYS[index]}`}>
                          {VARIANT_KEYS[index]}
                        </span>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {fieldErrors.postIds ? <p className="text-sm font-medium text-destructive">{fieldErrors.postIds}</p> : null}
          {mismatch ? (
            <Alert variant="warning">
              <AlertDescription>The chosen posts go to different accounts. Variants must go to the same accounts to be comparable.</AlertDescription>
            </Alert>
          ) : null}
          {undated > 0 ? (
            <Alert variant="warning">
              <AlertDescription>
                {undated} chosen {undated === 1 ? "post has" : "posts have"} no time yet. Give every variant a time first — the winner is picked {formatWindow(windowHours)} after the last one goes out.
              </AlertDescription>
            </Alert>
          ) : null}
        </fieldset>
      </div>
      <DialogFooter className="border-t pt-4">
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending} disabled={mismatch}>
          Start test
        </Button>
      </DialogFooter>
    </form>
  );
}
