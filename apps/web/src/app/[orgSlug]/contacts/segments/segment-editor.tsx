"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, ListPlusIcon, SaveIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";
import { ExportButton } from "../exports/export-button";
import { FilterBuilder } from "./filter-builder";
import { MembersTable } from "./members-table";
import { COUNT_FORMAT, EMPTY_FILTER, useDebounced, type Filter } from "./segment-ui";

const LIVE_DEBOUNCE_MS = 400;
const PREVIEW_SIZE = 10;

/** The live count and first members of the filter being edited (debounced, unsaved). */
function LiveResult({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const debounced = useDebounced(filter, LIVE_DEBOUNCE_MS);
  const count = useQuery({ ...trpc.segments.count.queryOptions({ filter: debounced }), placeholderData: keepPreviousData });
  const preview = useQuery({ ...trpc.segments.preview.queryOptions({ filter: debounced, limit: PREVIEW_SIZE }), placeholderData: keepPreviousData });
  const pending = debounced !== filter || count.isFetching;
  return (
    <Card className="grid gap-4 p-4">
      <div role="status" aria-live="polite" className="text-sm" data-testid="segment-live-count">
        {count.isError ? (
          <span className="text-destructive">{apiError(count.error).message}</span>
        ) : count.data ? (
          <>
            <span className="text-2xl font-semibold tabular-nums">{COUNT_FORMAT.format(count.data.count)}</span> {count.data.count === 1 ? "contact matches" : "contacts match"}
            {pending ? <span className="text-muted-foreground"> (updating…)</span> : null}
          </>
        ) : (
          <span className="text-muted-foreground">Counting…</span>
        )}
      </div>
      {preview.isPending ? (
        <div role="status" aria-label="Loading members">
          <Skeleton className="h-32" />
        </div>
      ) : preview.isError ? null : preview.data.items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No contact matches these conditions yet.</p>
      ) : (
        <div className="grid gap-2">
          <h2 className="text-sm font-medium">Newest members</h2>
          <MembersTable caption="Newest contacts matching the segment" members={preview.data.items} />
        </div>
      )}
    </Card>
  );
}

export function SegmentEditor({ segmentId }: { segmentId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const canEdit = can("contacts.update");
  const catalog = useQuery(trpc.segments.fieldCatalog.queryOptions());
  const saved = useQuery({ ...trpc.segments.get.queryOptions({ segmentId: segmentId ?? "" }), enabled: segmentId !== undefined });
  const [draft, setDraft] = useState<{ name: string; filter: Filter } | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const name = draft?.name ?? saved.data?.name ?? "";
  const filter = draft?.filter ?? (saved.data?.filter as Filter | undefined) ?? EMPTY_FILTER;
  const edit = (patch: Partial<{ name: string; filter: Filter }>) => setDraft({ name, filter, ...patch });

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
  const create = useMutation(trpc.segments.create.mutationOptions());
  const update = useMutation(trpc.segments.update.mutationOptions());
  const snapshot = useMutation(trpc.contactLists.snapshotSegment.mutationOptions());

  async function save(event: FormEvent) {
    event.preventDefault();
    setNameError(null);
    if (!name.trim()) {
      setNameError("Give the segment a name.");
      return;
    }
    try {
      if (segmentId) {
        await update.mutateAsync({ segmentId, name, filter });
        toast.success(`Saved “${name}”.`);
        setDraft(null);
      } else {
        const created = await create.mutateAsync({ name, filter });
        toast.success(`Created “${created.name}”.`);
        router.replace(`/${slug}/contacts/segments/${created.id}`);
      }
      await invalidate();
    } catch (error) {
      const info = apiError(error);
      if (info.code === "CONFLICT" || info.fieldErrors.name) setNameError(info.fieldErrors.name ?? info.message);
      else toast.error(info.message);
    }
  }

  async function freeze() {
    if (!segmentId) return;
    try {
      const result = await snapshot.mutateAsync({ segmentId, name: `${name} (${new Date().toLocaleDateString()})` });
      await queryClient.invalidateQueries({ queryKey: trpc.contactLists.pathKey() });
      toast.success(`Saved ${COUNT_FORMAT.format(result.added)} contacts to the list “${result.name}”.`, {
        action: { label: "Open list", onClick: () => router.push(`/${slug}/contacts/lists/${result.listId}`) },
      });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  if (segmentId && saved.isPending) {
    return (
      <div role="status" aria-label="Loading segment" className="grid gap-4">
        <Skeleton className="h-10 w-64" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (segmentId && saved.isError) {
    return (
      <Alert variant="destructive">
        <AlertDescription>{apiError(saved.error).message}</AlertDescription>
      </Alert>
    );
  }

  const dirty = draft !== null;
  return (
    <form className="grid gap-6" onSubmit={(e) => void save(e)} noValidate>
      <PageHeader
        eyebrow={
          <Link href={`/${slug}/contacts/segments`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon aria-hidden className="size-4" /> Segments
          </Link>
        }
        title={segmentId ? name || "Segment" : "New segment"}
        description="Contacts are members while they match: the segment is evaluated whenever it is used."
        actions={
          <div className="flex flex-wrap gap-2">
            {segmentId && !dirty ? <ExportButton request={{ object: "CONTACT", input: { scope: { kind: "segment", segmentId } } }} /> : null}
            {segmentId && canEdit && !dirty ? (
              <Button type="button" variant="outline" onClick={() => void freeze()} disabled={snapshot.isPending}>
                <ListPlusIcon aria-hidden /> {snapshot.isPending ? "Saving to a list…" : "Save members to a list"}
              </Button>
            ) : null}
            {canEdit ? (
              <Button type="submit" disabled={create.isPending || update.isPending || (segmentId !== undefined && !dirty)} data-testid="save-segment">
                <SaveIcon aria-hidden /> {create.isPending || update.isPending ? "Saving…" : "Save segment"}
              </Button>
            ) : null}
          </div>
        }
      />
      {catalog.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{apiError(catalog.error).message}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid content-start gap-4">
          <FormField label="Name" required error={nameError ?? undefined}>
            <Input value={name} onChange={(e) => edit({ name: e.target.value })} maxLength={120} disabled={!canEdit} placeholder="Engaged leads in Europe" />
          </FormField>
          <FilterBuilder filter={filter} catalog={catalog.data} onChange={(next) => edit({ filter: next })} />
        </div>
        <LiveResult filter={filter} />
      </div>
    </form>
  );
}
