"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import type { LoadedPage } from "./page-editor";

/**
 * Publish and/or unpublish at a wall time in the organization's zone. The API resolves it with the
 * same DST rules as posts (a time that does not exist or happens twice is refused, with the reason).
 */
export function ScheduleDialog({ page, open, onOpenChange, timezone, onSaved }: { page: LoadedPage; open: boolean; onOpenChange: (open: boolean) => void; timezone: string; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const schedule = useMutation(trpc.pages.schedule.mutationOptions());
  const [publishAt, setPublishAt] = useState(page.publishAt?.localTime ?? "");
  const [unpublishAt, setUnpublishAt] = useState(page.unpublishAt?.localTime ?? "");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      await schedule.mutateAsync({
        pageId: page.id,
        publishAt: publishAt ? { localTime: publishAt } : null,
        unpublishAt: unpublishAt ? { localTime: unpublishAt } : null,
      });
      await onSaved();
      toast.success(publishAt || unpublishAt ? "Schedule saved" : "Schedule cleared");
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-md">
        <form onSubmit={onSubmit} className="grid gap-4" aria-label="Schedule">
          <DialogHeader>
            <DialogTitle>Schedule</DialogTitle>
            <DialogDescription>Times are in {timezone}, your organization’s zone. A scheduled publish puts the draft live as it is at that moment.</DialogDescription>
          </DialogHeader>
          <FormField label="Publish at" description="Leave empty for no scheduled publish.">
            <Input type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value.slice(0, 16))} />
          </FormField>
          <FormField label="Unpublish at" description="Take the page offline at this time (for an offer that ends).">
            <Input type="datetime-local" value={unpublishAt} onChange={(e) => setUnpublishAt(e.target.value.slice(0, 16))} />
          </FormField>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={schedule.isPending}>
              {schedule.isPending ? "Saving…" : "Save schedule"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
