"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { createLinkInput, updateLinkInput } from "@mg/api/schemas";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { SegmentedControl } from "@mg/ui/segmented-control";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { useTRPC } from "~/trpc/client";
import { previewUrl, UTM_FIELDS, type LinkOptions, type LinkRow, type UtmKey } from "./types";

const NO_CAMPAIGN = "none";

/** Create or edit a tracked link; the form starts fresh on every opening. The code is fixed once made. */
export function LinkDialog({ link, open, onOpenChange, onCreated }: { link?: LinkRow; open: boolean; onOpenChange: (open: boolean) => void; onCreated?: (link: LinkRow) => void }) {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.links.options.queryOptions(), enabled: open });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{link ? `Edit “${link.name}”` : "New tracked link"}</DialogTitle>
          <DialogDescription>A short link (and QR code) that counts every visit and tags it with your campaign’s UTM parameters.</DialogDescription>
        </DialogHeader>
        {!open ? null : options.data ? (
          <LinkForm key={link?.id ?? "new"} link={link} options={options.data} onDone={() => onOpenChange(false)} onCreated={onCreated} />
        ) : (
          <div className="grid gap-3" role="status" aria-busy aria-label="Loading pages and campaigns">
            <Skeleton className="h-9" />
            <Skeleton className="h-9" />
            <Skeleton className="h-24" />
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function LinkForm({ link, options, onDone, onCreated }: { link?: LinkRow; options: LinkOptions; onDone: () => void; onCreated?: (link: LinkRow) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(link?.name ?? "");
  const [kind, setKind] = useState<"page" | "url">(link ? link.destination.kind : options.pages.length > 0 ? "page" : "url");
  const [pageId, setPageId] = useState(link?.destination.kind === "page" ? link.destination.pageId : (options.pages[0]?.id ?? ""));
  const [url, setUrl] = useState(link?.destination.kind === "url" ? link.destination.url : "https://");
  const [code, setCode] = useState("");
  const [campaignId, setCampaignId] = useState(link?.campaign?.id ?? NO_CAMPAIGN);
  const [utm, setUtm] = useState<Partial<Record<UtmKey, string>>>(() => ({ ...(link?.utm ?? {}) }));

  const create = useMutation(trpc.links.create.mutationOptions());
  const update = useMutation(trpc.links.update.mutationOptions());
  const createForm = useSchemaForm(createLinkInput, { conflictField: "code" });
  const updateForm = useSchemaForm(updateLinkInput);
  const form = link ? updateForm : createForm;
  const { fieldErrors, failure } = form;

  const page = options.pages.find((p) => p.id === pageId);
  const base = kind === "page" ? (page?.url ?? "") : url;
  const finalUrl = previewUrl(base, utm);
  const destination = kind === "page" ? { kind: "page" as const, pageId } : { kind: "url" as const, url: url.trim() };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { name, destination, utm, campaignId: campaignId === NO_CAMPAIGN ? null : campaignId };
    const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.links.pathKey() });
    if (link) {
      await updateForm.submit({ linkId: link.id, ...values }, async (input) => {
        const saved = await update.mutateAsync(input);
        toast.success(`Saved “${saved.name}”`);
        await invalidate();
        onDone();
      });
    } else {
      await createForm.submit({ ...values, ...(code.trim() ? { code: code.trim() } : {}) }, async (input) => {
        const saved = await create.mutateAsync(input);
        toast.success(`Created ${saved.shortUrl}`);
        await invalidate();
        onCreated?.({ ...saved, visits: 0, uniqueVisitors: 0, leads: 0, conversionRate: null });
        onDone();
      });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-5" noValidate data-testid="link-form">
      <FormFailure failure={failure} />
      <FormField label="Name" description="For your team: where the link is used." error={fieldErrors.name} required>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="Shop window poster" autoFocus />
      </FormField>

      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">Destination</legend>
        <SegmentedControl
          label="Destination kind"
          value={kind}
          onValueChange={setKind}
          options={[
            { value: "page", label: "Landing page" },
            { value: "url", label: "Any web address" },
          ]}
        />
        {kind === "page" ? (
          options.pages.length === 0 ? (
            <p className="text-sm text-muted-foreground">No landing pages yet. Build one under Pages, or send the link to a web address.</p>
          ) : (
            <FormField label="Landing page" error={fieldErrors.destination}>
              {(control) => (
                <Select value={pageId} onValueChange={setPageId}>
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue placeholder="Choose a page" />
                  </SelectTrigger>
                  <SelectContent>
                    {options.pages.map((p) => (
                      <SelectItem key={p.id} value={p.id}>
                        {p.name}
                        {p.published ? "" : " (not published)"}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
          )
        ) : (
          <FormField label="Web address" description="Any https:// address." error={fieldErrors.destination}>
            <Input type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2000} placeholder="https://example.com/offer" />
          </FormField>
        )}
      </fieldset>

      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">UTM parameters</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {UTM_FIELDS.map((field) => (
            <FormField key={field.key} label={field.label}>
              <Input value={utm[field.key] ?? ""} onChange={(e) => setUtm((u) => ({ ...u, [field.key]: e.target.value }))} maxLength={200} placeholder={field.placeholder} />
            </FormField>
          ))}
        </div>
        {fieldErrors.utm ? (
          <p role="alert" className="text-sm text-destructive">
            {fieldErrors.utm}
          </p>
        ) : null}
      </fieldset>

      <FormField label="Publishing campaign" description="Optional: the contacts this link brings in show on that campaign." error={fieldErrors.campaignId}>
        {(control) => (
          <Select value={campaignId} onValueChange={setCampaignId}>
            <SelectTrigger {...control} className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NO_CAMPAIGN}>No campaign</SelectItem>
              {options.campaigns.map((c) => (
                <SelectItem key={c.id} value={c.id}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
      </FormField>

      {link ? (
        <p className="text-sm text-muted-foreground">
          Short link <span className="font-mono text-foreground">{link.shortUrl}</span> — the code stays the same, so printed QR codes keep working.
        </p>
      ) : (
        <FormField label="Custom code" description={`Optional. ${options.shortUrlBase}your-code — letters, digits, “-” and “_”. Leave empty for a random one.`} error={fieldErrors.code}>
          <Input value={code} onChange={(e) => setCode(e.target.value)} maxLength={40} placeholder="spring" />
        </FormField>
      )}

      <div className="grid gap-1 rounded-lg border bg-muted/40 p-3 text-sm" aria-live="polite">
        <span className="font-medium">Visitors land on</span>
        <span className="font-mono text-xs break-all text-muted-foreground" data-testid="final-url">
          {finalUrl || "Choose a destination to see the final address."}
        </span>
      </div>

      <FormDialogFooter onCancel={onDone} busy={create.isPending || update.isPending} submitLabel={link ? "Save" : "Create link"} />
    </form>
  );
}
