"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle } from "@mg/ui/alert-dialog";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { Skeleton } from "@mg/ui/skeleton";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { formatWhen } from "../../page-links";

/** Published versions, newest first; roll back (publishes that version again as a new one) or unpublish. */
export function VersionsDialog({ pageId, open, onOpenChange, mayPublish, live, onChanged }: { pageId: string; open: boolean; onOpenChange: (open: boolean) => void; mayPublish: boolean; live: boolean; onChanged: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const versions = useQuery({ ...trpc.pages.versions.queryOptions({ pageId }), enabled: open });
  const rollback = useMutation(trpc.pages.rollback.mutationOptions());
  const unpublish = useMutation(trpc.pages.unpublish.mutationOptions());
  const [confirm, setConfirm] = useState<{ kind: "rollback"; versionId: string; number: number } | { kind: "unpublish" } | null>(null);

  async function run() {
    const action = confirm;
    setConfirm(null);
    if (!action) return;
    try {
      if (action.kind === "rollback") {
        const result = await rollback.mutateAsync({ pageId, versionId: action.versionId });
        toast.success(`Version ${result.restoredFrom} is live again (as version ${result.number})`);
      } else {
        await unpublish.mutateAsync({ pageId });
        toast.success("The page is offline");
      }
      await Promise.all([versions.refetch(), onChanged()]);
    } catch (e) {
      toast.error(apiError(e).message);
    }
  }

  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent className="max-w-lg">
          <DialogHeader>
            <DialogTitle>Published versions</DialogTitle>
            <DialogDescription>Each publish is kept as it was. Rolling back publishes an earlier version again; your draft stays as it is.</DialogDescription>
          </DialogHeader>
          {versions.isError ? (
            <Alert variant="destructive">
              <AlertDescription>{apiError(versions.error).message}</AlertDescription>
            </Alert>
          ) : versions.isPending ? (
            <Skeleton className="h-24" role="status" aria-label="Loading versions" />
          ) : versions.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">Not published yet. Publishing makes version 1.</p>
          ) : (
            <ul className="grid max-h-[50vh] gap-2 overflow-y-auto">
              {versions.data.map((v) => (
                <li key={v.id} className="flex items-center gap-3 rounded-md border p-3 text-sm">
                  <span className="font-medium">Version {v.number}</span>
                  {v.live ? <Badge variant="success">Live</Badge> : null}
                  <span className="text-muted-foreground">
                    {formatWhen(v.createdAt)} · {v.scheduled ? "scheduled publish" : (v.author ?? "a former member")}
                  </span>
                  {mayPublish && !v.live ? (
                    <Button size="sm" variant="outline" className="ml-auto" onClick={() => setConfirm({ kind: "rollback", versionId: v.id, number: v.number })}>
                      Roll back
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {mayPublish && live ? (
            <div className="flex justify-end">
              <Button variant="outline" onClick={() => setConfirm({ kind: "unpublish" })}>
                Unpublish
              </Button>
            </div>
          ) : null}
        </DialogContent>
      </Dialog>
      <AlertDialog open={confirm !== null} onOpenChange={(o) => (o ? null : setConfirm(null))}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{confirm?.kind === "rollback" ? `Put version ${confirm.number} live again?` : "Take the page offline?"}</AlertDialogTitle>
            <AlertDialogDescription>
              {confirm?.kind === "rollback" ? "Visitors will see that version from now on. It is published as a new version, so you can roll forward again." : "Visitors will get “page not found” until you publish again. Its versions are kept."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => void run()}>{confirm?.kind === "rollback" ? "Roll back" : "Unpublish"}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
