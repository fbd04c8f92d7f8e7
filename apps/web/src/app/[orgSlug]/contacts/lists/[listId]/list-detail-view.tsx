"use client";

import Link from "next/link";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, UserMinusIcon, UsersIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { QueryStates, ShowMoreButton } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../../org-context";
import { ExportButton } from "../../exports/export-button";
import { MembersTable } from "../../segments/members-table";
import { COUNT_FORMAT, memberName, type Member } from "../../segments/segment-ui";

const PAGE = 50;

/** A static list: its members page by page (newest contact first), remove with undo, export. */
export function ListDetailView({ listId }: { listId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, can } = useOrg();
  const canEdit = can("contacts.update");
  const lists = useQuery(trpc.contactLists.list.queryOptions({ includeArchived: true }));
  const list = lists.data?.find((l) => l.id === listId);
  const members = useInfiniteQuery(
    trpc.contactLists.members.infiniteQueryOptions({ listId, limit: PAGE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const remove = useMutation(trpc.contactLists.removeMembers.mutationOptions());
  const add = useMutation(trpc.contactLists.addMembers.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.contactLists.pathKey() });

  async function removeMember(member: Member) {
    try {
      await remove.mutateAsync({ listId, contactIds: [member.id] });
      await refresh();
      toast.success(`Removed ${memberName(member)} from the list.`, {
        action: {
          label: "Undo",
          onClick: () =>
            void add
              .mutateAsync({ listId, contactIds: [member.id] })
              .then(refresh)
              .catch((error: unknown) => toast.error(apiError(error).message)),
        },
      });
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];
  const archived = Boolean(list?.archivedAt);
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={
          <Link href={`/${slug}/contacts/lists`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon aria-hidden className="size-4" /> Lists
          </Link>
        }
        title={list?.name ?? "List"}
        description={list ? `${COUNT_FORMAT.format(list.memberCount)} ${list.memberCount === 1 ? "member" : "members"}${archived ? " · archived" : ""}` : undefined}
        actions={<ExportButton request={{ object: "CONTACT", input: { scope: { kind: "list", listId } } }} />}
      />
      <QueryStates
        query={members}
        loadingLabel="Loading members"
        isEmpty={rows.length === 0}
        empty={
          <EmptyState
            icon={<UsersIcon />}
            title="This list has no members"
            description="Add contacts from the contacts table (select them, then “Add to list”), or save a segment’s members into it."
            action={
              <Button asChild variant="outline">
                <Link href={`/${slug}/contacts`}>Go to contacts</Link>
              </Button>
            }
          />
        }
      >
        <div className="grid gap-3">
          <MembersTable
            caption={`Members of ${list?.name ?? "the list"}`}
            members={rows}
            action={
              canEdit && !archived
                ? (member) => (
                    <Button type="button" variant="ghost" size="sm" onClick={() => void removeMember(member)} disabled={remove.isPending}>
                      <UserMinusIcon aria-hidden /> Remove<span className="sr-only"> {memberName(member)}</span>
                    </Button>
                  )
                : undefined
            }
          />
          <ShowMoreButton query={members} />
        </div>
      </QueryStates>
    </div>
  );
}
