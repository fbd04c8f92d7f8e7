"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, CopyPlusIcon, FileInputIcon, MoreHorizontalIcon, PlusIcon, SettingsIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@mg/ui/dropdown-menu";
import { EmptyState } from "@mg/ui/empty-state";
import { Label } from "@mg/ui/label";
import { PageHeader } from "@mg/ui/page-header";
import { Switch } from "@mg/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { QueryStates } from "~/components/query-states";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { starterForm } from "./new-form";

/** /[orgSlug]/forms: the organization's lead forms, with their submission counts. */
export function FormsView() {
  const { slug, can } = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [showArchived, setShowArchived] = useState(false);
  const forms = useQuery(trpc.forms.list.queryOptions({ includeArchived: showArchived }));
  const create = useMutation(trpc.forms.create.mutationOptions());
  const duplicate = useMutation(trpc.forms.duplicate.mutationOptions());
  const archive = useMutation(trpc.forms.archive.mutationOptions());
  const canEdit = can("forms.edit");
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.forms.pathKey() });

  async function newForm() {
    try {
      const form = await create.mutateAsync(starterForm(Math.random().toString(36).slice(2, 7)));
      router.push(`/${slug}/forms/${form.id}`);
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  async function setArchived(form: { id: string; name: string }, archived: boolean, offerUndo = true) {
    try {
      await archive.mutateAsync({ formId: form.id, archived });
      await invalidate();
      if (archived) {
        toast.success(`Archived “${form.name}”`, {
          description: "It no longer accepts submissions; its submissions are kept.",
          action: offerUndo ? { label: "Undo", onClick: () => void setArchived(form, false, false) } : undefined,
        });
      } else toast.success(`Restored “${form.name}”`);
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  async function copy(form: { id: string }) {
    try {
      const copied = await duplicate.mutateAsync({ formId: form.id });
      await invalidate();
      toast.success(`Created “${copied.name}”`);
    } catch (error) {
      toast.error(apiError(error).message);
    }
  }

  const rows = forms.data ?? [];
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Forms"
        description="Lead forms for your landing pages, your own website and share links. Every submission becomes a contact."
        actions={
          <div className="flex flex-wrap gap-2">
            {canEdit ? (
              <Button variant="outline" asChild>
                <Link href={`/${slug}/forms/settings`}>
                  <SettingsIcon aria-hidden /> Lead capture settings
                </Link>
              </Button>
            ) : null}
            {canEdit ? (
              <Button onClick={() => void newForm()} disabled={create.isPending}>
                <PlusIcon aria-hidden /> New form
              </Button>
            ) : null}
          </div>
        }
      />
      <div className="flex items-center gap-2">
        <Switch id="show-archived" checked={showArchived} onCheckedChange={setShowArchived} />
        <Label htmlFor="show-archived">Show archived forms</Label>
      </div>
      <QueryStates
        query={forms}
        loadingLabel="Loading forms"
        isEmpty={rows.length === 0}
        empty={
          <EmptyState
            icon={<FileInputIcon aria-hidden />}
            title={showArchived ? "No forms yet" : "No active forms"}
            description="Create a form, then put it on a landing page, embed it on your website or share its link. Submissions land in your contacts with their consent and where they came from."
            action={
              canEdit ? (
                <Button onClick={() => void newForm()} disabled={create.isPending}>
                  <PlusIcon aria-hidden /> Create your first form
                </Button>
              ) : undefined
            }
          />
        }
      >
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Form</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Submissions</TableHead>
              <TableHead className="text-right">Last 30 days</TableHead>
              <TableHead className="text-right">Waiting</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((form) => (
              <TableRow key={form.id} data-testid="form-row">
                <TableCell>
                  <Link href={`/${slug}/forms/${form.id}`} className="font-medium underline-offset-4 hover:underline">
                    {form.name}
                  </Link>
                  <p className="text-xs text-muted-foreground">/f/{slug}/{form.slug}</p>
                </TableCell>
                <TableCell>
                  <Badge variant={form.status === "ACTIVE" ? "success" : "outline"}>{form.status === "ACTIVE" ? "Active" : "Archived"}</Badge>
                  {form.doubleOptIn ? (
                    <Badge variant="outline" className="ml-1">
                      Double opt-in
                    </Badge>
                  ) : null}
                </TableCell>
                <TableCell className="text-right tabular-nums">{form.submissions}</TableCell>
                <TableCell className="text-right tabular-nums">{form.last30Days}</TableCell>
                <TableCell className="text-right tabular-nums">{form.unprocessed}</TableCell>
                <TableCell className="text-right">
                  {canEdit ? (
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${form.name}`}>
                          <MoreHorizontalIcon aria-hidden />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end">
                        <DropdownMenuItem onSelect={() => void copy(form)}>
                          <CopyPlusIcon aria-hidden /> Duplicate
                        </DropdownMenuItem>
                        {form.status === "ACTIVE" ? (
                          <DropdownMenuItem onSelect={() => void setArchived(form, true)}>
                            <ArchiveIcon aria-hidden /> Archive
                          </DropdownMenuItem>
                        ) : (
                          <DropdownMenuItem onSelect={() => void setArchived(form, false)}>
                            <ArchiveRestoreIcon aria-hidden /> Restore
                          </DropdownMenuItem>
                        )}
                      </DropdownMenuContent>
                    </DropdownMenu>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </QueryStates>
    </div>
  );
}
