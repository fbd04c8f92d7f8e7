"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@mg/ui/sheet";
import { Switch } from "@mg/ui/switch";
import { Textarea } from "@mg/ui/textarea";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../../org-context";
import { publicPageUrl } from "../../page-links";
import type { LoadedPage } from "./page-editor";

/** Name, address, SEO (title, description, social image, noindex) and what follows a sent form. */
export function PageSettingsSheet({ page, open, onOpenChange, editable, onSaved }: { page: LoadedPage; open: boolean; onOpenChange: (open: boolean) => void; editable: boolean; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const { slug: orgSlug } = useOrg();
  const update = useMutation(trpc.pages.updateSettings.mutationOptions());
  const [name, setName] = useState(page.name);
  const [slug, setSlug] = useState(page.slug);
  const [title, setTitle] = useState(page.seo.title);
  const [description, setDescription] = useState(page.seo.description);
  const [socialImageUrl, setSocialImageUrl] = useState(page.seo.socialImageUrl);
  const [noindex, setNoindex] = useState(page.seo.noindex);
  const [thanksKind, setThanksKind] = useState<"message" | "url">(page.thankYou.kind);
  const [message, setMessage] = useState(page.thankYou.kind === "message" ? page.thankYou.message : "");
  const [url, setUrl] = useState(page.thankYou.kind === "url" ? page.thankYou.url : "");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      await update.mutateAsync({
        pageId: page.id,
        name,
        slug,
        seo: { title, description, socialImageUrl, noindex },
        thankYou: thanksKind === "message" ? { kind: "message", message } : { kind: "url", url },
      });
      await onSaved();
      toast.success(page.live ? "Settings saved — publish to put them on the live page" : "Settings saved");
      onOpenChange(false);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent className="w-full overflow-y-auto p-6 sm:max-w-lg">
        <SheetTitle>Page settings</SheetTitle>
        <SheetDescription>Changes reach the live page with the next publish.</SheetDescription>
        <form onSubmit={onSubmit} className="mt-4 grid gap-4" aria-label="Page settings">
          <fieldset disabled={!editable} className="grid gap-4">
            <FormField label="Name" required>
              <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
            </FormField>
            <FormField label="Address" description={publicPageUrl(orgSlug, slug || "…")}>
              <Input value={slug} onChange={(e) => setSlug(e.target.value.toLowerCase())} maxLength={64} />
            </FormField>
            <h3 className="pt-2 text-sm font-semibold">Search and sharing</h3>
            <FormField label="Title" description="Shown in search results and browser tabs.">
              <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
            </FormField>
            <FormField label="Description">
              <Textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} rows={3} />
            </FormField>
            <FormField label="Social image" description="An https:// image address, shown when the page is shared.">
              <Input value={socialImageUrl} onChange={(e) => setSocialImageUrl(e.target.value)} inputMode="url" />
            </FormField>
            <label className="flex items-center justify-between gap-3 text-sm">
              <span>
                <span className="font-medium">Hide from search engines</span>
                <span className="block text-muted-foreground">Adds noindex: for private offers and tests.</span>
              </span>
              <Switch checked={noindex} onCheckedChange={setNoindex} aria-label="Hide from search engines" />
            </label>
            <h3 className="pt-2 text-sm font-semibold">After a form is sent</h3>
            <SegmentedControl
              label="After a form is sent"
              value={thanksKind}
              onValueChange={setThanksKind}
              options={[
                { value: "message" as const, label: "Show a message" },
                { value: "url" as const, label: "Go to an address" },
              ]}
            />
            {thanksKind === "message" ? (
              <FormField label="Thank-you message">
                <Textarea value={message} onChange={(e) => setMessage(e.target.value)} maxLength={5000} rows={3} />
              </FormField>
            ) : (
              <FormField label="Thank-you address" description="https:// address visitors go to after sending the form.">
                <Input value={url} onChange={(e) => setUrl(e.target.value)} inputMode="url" />
              </FormField>
            )}
          </fieldset>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          {editable ? (
            <div className="flex justify-end gap-2">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? "Saving…" : "Save settings"}
              </Button>
            </div>
          ) : null}
        </form>
      </SheetContent>
    </Sheet>
  );
}
