"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Label } from "@mg/ui/label";
import { Switch } from "@mg/ui/switch";
import { savedViewSaveInput } from "@mg/api/schemas/crm";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import type { SavedView } from "./crm-ui";

interface SaveViewProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canShare: boolean;
  current: SavedView | null;
  config: SavedView["config"];
  onSaved: (id: string) => void;
  onDeleted: () => void;
  object?: "contacts" | "companies";
}

/** Save the table's columns, filters and sort as a personal or shared view (or change the current one). */
export function SaveViewDialog(props: SaveViewProps) {
  const editable = props.current !== null && (props.current.mine || props.canShare);
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{editable ? "Save the view" : "Save as a view"}</DialogTitle>
          <DialogDescription>Keeps the columns, filters and sort you see now.</DialogDescription>
        </DialogHeader>
        {props.open ? <SaveViewForm key={props.current?.id ?? "new"} {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function SaveViewForm({ onOpenChange, canShare, current, config, onSaved, onDeleted, object = "contacts" }: SaveViewProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveContact = useMutation(trpc.contacts.viewSave.mutationOptions());
  const saveCompany = useMutation(trpc.companies.viewSave.mutationOptions());
  const deleteContact = useMutation(trpc.contacts.viewDelete.mutationOptions());
  const deleteCompany = useMutation(trpc.companies.viewDelete.mutationOptions());
  const [name, setName] = useState(current?.name ?? "");
  const [shared, setShared] = useState(current?.shared ?? false);
  const [error, setError] = useState<string | null>(null);
  const editable = current !== null && (current.mine || canShare);

  async function save(asNew: boolean) {
    // The procedure's own schema: the same words ("Give the view a name.") before anything is sent.
    const parsed = savedViewSaveInput.safeParse({ ...(asNew || !editable || !current ? {} : { viewId: current.id }), name, shared, config });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the view.");
      return;
    }
    try {
      const input = parsed.data;
      const view = object === "contacts" ? await saveContact.mutateAsync(input) : await saveCompany.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: object === "contacts" ? trpc.contacts.viewList.queryKey() : trpc.companies.viewList.queryKey() });
      toast.success(`Saved the view “${view.name}”`);
      onSaved(view.id);
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  async function removeView() {
    if (!current) return;
    try {
      if (object === "contacts") await deleteContact.mutateAsync({ viewIds: [current.id] });
      else await deleteCompany.mutateAsync({ viewIds: [current.id] });
      await queryClient.invalidateQueries({ queryKey: object === "contacts" ? trpc.contacts.viewList.queryKey() : trpc.companies.viewList.queryKey() });
      toast.success(`Deleted the view “${current.name}”`);
      onDeleted();
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          <FormField label="Name" error={error} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus />
          </FormField>
          {canShare ? (
            <div className="flex items-center gap-3">
              <Switch id="share-view" checked={shared} onCheckedChange={setShared} />
              <Label htmlFor="share-view">Share with everyone in the organization</Label>
            </div>
          ) : null}
          <DialogFooter className="gap-2">
            {editable ? (
              <Button type="button" variant="outline" className="text-destructive sm:mr-auto" onClick={() => void removeView()}>
                Delete view
              </Button>
            ) : null}
            {editable ? (
              <Button type="button" variant="outline" onClick={() => void save(true)}>
                Save as new
              </Button>
            ) : null}
            <Button type="submit">Save</Button>
          </DialogFooter>
        </form>
  );
}
