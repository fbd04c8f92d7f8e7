"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@mg/api";
import { CopyIcon, MergeIcon, ScanSearchIcon, XIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { ConfirmAction } from "~/components/confirm-button";
import { QueryStates, ShowMoreButton } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";

type Pair = inferRouterOutputs<AppRouter>["duplicates"]["list"]["items"][number];
type PairContact = NonNullable<Pair["a"]>;
type MergeFieldName = "firstName" | "lastName" | "primaryEmail" | "primaryPhone" | "jobTitle" | "companyId" | "lifecycleStage" | "source" | "externalId";

/** The fields shown side by side, with how each side's value reads. */
const FIELDS: { field: MergeFieldName; label: string; show: (c: PairContact) => string | null }[] = [
  { field: "firstName", label: "First name", show: (c) => c.firstName },
  { field: "lastName", label: "Last name", show: (c) => c.lastName },
  { field: "primaryEmail", label: "Primary email", show: (c) => c.primaryEmail },
  { field: "primaryPhone", label: "Primary phone", show: (c) => c.primaryPhone },
  { field: "jobTitle", label: "Job title", show: (c) => c.jobTitle },
  { field: "companyId", label: "Company", show: (c) => c.company?.name ?? null },
  { field: "lifecycleStage", label: "Lifecycle stage", show: (c) => c.lifecycleStage.replaceAll("_", " ").toLowerCase() },
  { field: "source", label: "Source", show: (c) => c.source },
  { field: "externalId", label: "External id", show: (c) => c.externalId },
];

function displayName(c: PairContact): string {
  return [c.firstName, c.lastName].filter(Boolean).join(" ") || c.primaryEmail || "(no name)";
}

/** The server's default: the most recently updated contact with a value (else the older one). */
function defaultPick(a: PairContact, b: PairContact, show: (c: PairContact) => string | null): string {
  const [newer, older] = new Date(a.updatedAt) >= new Date(b.updatedAt) ? [a, b] : [b, a];
  return show(newer) ? newer.id : older.id;
}

function PairCard({ pair, canMerge, onMerged }: { pair: Pair; canMerge: boolean; onMerged: (mergeId: string, survivor: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useOrg();
  const merge = useMutation(trpc.duplicates.merge.mutationOptions());
  const dismiss = useMutation(trpc.duplicates.dismiss.mutationOptions());
  const baseId = useId();
  const a = pair.a;
  const b = pair.b;
  const [picks, setPicks] = useState<Record<string, string>>(() =>
    a && b ? Object.fromEntries(FIELDS.map((f) => [f.field, defaultPick(a, b, f.show)])) : {},
  );
  if (!a || !b) return null;
  const [older, newer] = new Date(a.createdAt) <= new Date(b.createdAt) ? [a, b] : [b, a];
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.duplicates.pathKey() });

  return (
    <li className="space-y-3 rounded-xl border bg-card p-5" aria-labelledby={`${baseId}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${baseId}-title`} className="font-semibold">
          {displayName(older)} and {displayName(newer)}
        </h2>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant={pair.score >= 1 ? "destructive" : "secondary"}>Score {pair.score.toFixed(2)}</Badge>
          {pair.reasons.map((r) => (
            <Badge key={r} variant="outline">
              {r}
            </Badge>
          ))}
        </div>
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <caption className="sr-only">Choose which value the merged contact keeps, field by field</caption>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-4">Field</TableHead>
              {[older, newer].map((c) => (
                <TableHead key={c.id}>
                  <Link className="underline-offset-4 hover:underline" href={`/${slug}/contacts/${c.id}`}>
                    {displayName(c)}
                  </Link>
                  <span className="block text-xs font-normal text-muted-foreground">
                    {c.id === older.id ? "Older — this record is kept" : "Newer"} · updated {new Date(c.updatedAt).toLocaleDateString()}
                  </span>
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {FIELDS.map(({ field, label, show }) => {
              const values = [older, newer].map((c) => show(c));
              const same = values[0] === values[1];
              return (
                <TableRow key={field}>
                  <TableCell className="pl-4 font-medium">{label}</TableCell>
                  {[older, newer].map((c, i) => (
                    <TableCell key={c.id} className="whitespace-normal">
                      {same || !canMerge ? (
                        <span className={values[i] ? "" : "text-muted-foreground"}>{values[i] ?? "—"}</span>
                      ) : (
                        <label className="flex items-center gap-2">
                          <input type="radio" name={`${baseId}-${field}`} checked={picks[field] === c.id} onChange={() => setPicks((p) => ({ ...p, [field]: c.id }))} />
                          <span className={values[i] ? "" : "text-muted-foreground"}>{values[i] ?? "(empty)"}</span>
                          <span className="sr-only">for {label}</span>
                        </label>
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
            <TableRow>
              <TableCell className="pl-4 font-medium">Emails, phones, tags, deals, tasks, lists, timeline</TableCell>
              <TableCell colSpan={2} className="whitespace-normal text-muted-foreground">
                All kept: they move to the merged contact.
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </div>
      {canMerge ? (
        <div className="flex flex-wrap gap-2">
          <ConfirmAction
            trigger={
              <Button type="button">
                <MergeIcon aria-hidden /> Merge
              </Button>
            }
            title={`Merge into ${displayName(older)}?`}
            description="The older record is kept with the values you chose; everything attached to the other moves to it. You can undo the merge."
            confirmLabel="Merge"
            onConfirm={async () => {
              try {
                const result = await merge.mutateAsync({
                  contactIds: [older.id, newer.id],
                  candidateId: pair.id,
                  values: Object.entries(picks).map(([field, contactId]) => ({ field: field as MergeFieldName, contactId })),
                });
                await invalidate();
                if (result) onMerged(result.mergeId, displayName(older));
              } catch (e) {
                toast.error(apiError(e).message);
              }
            }}
          />
          <Button
            type="button"
            variant="outline"
            disabled={dismiss.isPending}
            onClick={async () => {
              try {
                await dismiss.mutateAsync({ candidateId: pair.id });
                await invalidate();
                toast.success("Marked as different people");
              } catch (e) {
                toast.error(apiError(e).message);
              }
            }}
          >
            <XIcon aria-hidden /> Not duplicates
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** The duplicate review queue: pairs side by side, best first; merge (with undo) or dismiss. */
export function DuplicatesView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useOrg();
  const canMerge = can("contacts.merge");
  // Keyset pages: a scan can queue more pairs than one page holds.
  const list = useInfiniteQuery(trpc.duplicates.list.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const pairs = list.data?.pages.flatMap((p) => p.items) ?? [];
  const scan = useMutation(trpc.duplicates.scan.mutationOptions());
  const undoMerge = useMutation(trpc.duplicates.undoMerge.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.duplicates.pathKey() });

  function onMerged(mergeId: string, name: string) {
    toast.success(`Merged into ${name}`, {
      duration: 15_000,
      action: {
        label: "Undo",
        onClick: async () => {
          try {
            await undoMerge.mutateAsync({ mergeId });
            await invalidate();
            toast.success("Merge undone");
          } catch (e) {
            toast.error(apiError(e).message);
          }
        },
      },
    });
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Duplicate contacts"
        description="Pairs that look like the same person: the same phone, or similar names that share a company domain, phone prefix or first name."
        actions={
          canMerge ? (
            <Button
              variant="outline"
              disabled={scan.isPending}
              onClick={async () => {
                try {
                  const result = await scan.mutateAsync(undefined);
                  await invalidate();
                  toast.success(`Scan finished: ${result.exact} exact and ${result.probable} probable pairs`);
                } catch (e) {
                  toast.error(apiError(e).message);
                }
              }}
            >
              <ScanSearchIcon aria-hidden /> {scan.isPending ? "Scanning…" : "Scan for duplicates"}
            </Button>
          ) : null
        }
      />
      <QueryStates
        query={list}
        loadingLabel="Loading duplicates"
        loadingClassName="space-y-3"
        rowClassName="h-48 w-full"
        errorTitle="The review queue could not be loaded"
        isEmpty={pairs.length === 0 && !list.hasNextPage}
        empty={<EmptyState icon={<CopyIcon />} title="No duplicates to review" description={canMerge ? "Imports flag contacts that share a phone; run a scan to look for similar names too." : "Nothing waits for review."} />}
      >
        <ul className="space-y-4" aria-label="Duplicate pairs">
          {pairs.map((pair) => (
            <PairCard key={pair.id} pair={pair} canMerge={canMerge} onMerged={onMerged} />
          ))}
        </ul>
        <ShowMoreButton query={list} label="Show more pairs" className="mx-auto flex" />
      </QueryStates>
    </div>
  );
}
