"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { FileIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Skeleton } from "@mg/ui/skeleton";
import { cn } from "@mg/ui/lib/utils";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

/** "New page": a name and a starting point — a template card or a blank page — then the editor. */
export function NewPageDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { slug } = useOrg();
  const templates = useQuery({ ...trpc.pages.templates.queryOptions(), enabled: open });
  const create = useMutation(trpc.pages.create.mutationOptions());
  const [name, setName] = useState("");
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const chosen = templates.data?.find((t) => t.key === templateKey);
    const pageName = name.trim() || chosen?.name || "Untitled page";
    try {
      const page = await create.mutateAsync({ name: pageName, ...(templateKey ? { templateKey } : {}) });
      onOpenChange(false);
      router.push(`/${slug}/pages/${page.id}/edit`);
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  const choices = [{ key: null, name: "Blank page", industry: "Start from nothing", description: "An empty page: add blocks from the left panel." }, ...(templates.data ?? [])];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-3xl">
        <form onSubmit={onSubmit} className="grid gap-4" aria-label="New landing page">
          <DialogHeader>
            <DialogTitle>New landing page</DialogTitle>
            <DialogDescription>Start from a template made for your kind of business, or from a blank page. You can change everything afterwards.</DialogDescription>
          </DialogHeader>
          <FormField label="Page name" description="Only your team sees it. The page's address is made from it and can be changed in the page settings.">
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="Spring pre-orders" />
          </FormField>
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">Start from</legend>
            {templates.isPending ? (
              <div className="grid gap-3 sm:grid-cols-2" role="status" aria-label="Loading templates">
                {Array.from({ length: 4 }, (_, i) => (
                  <Skeleton key={i} className="h-24" />
                ))}
              </div>
            ) : (
              <div className="grid max-h-[50vh] gap-3 overflow-y-auto p-1 sm:grid-cols-2" role="radiogroup" aria-label="Templates">
                {choices.map((t) => {
                  const selected = templateKey === t.key;
                  return (
                    <label
                      key={t.key ?? "blank"}
                      className={cn("flex cursor-pointer flex-col gap-1 rounded-lg border p-4 text-left focus-within:ring-2 focus-within:ring-ring", selected ? "border-primary bg-accent" : "hover:bg-accent/50")}
                      data-testid={`template-${t.key ?? "blank"}`}
                    >
                      <input type="radio" name="template" className="sr-only" checked={selected} onChange={() => setTemplateKey(t.key)} />
                      <span className="flex items-center gap-2 font-medium">
                        {t.key === null ? <FileIcon aria-hidden className="size-4" /> : null}
                        {t.name}
                      </span>
                      <span className="text-xs text-muted-foreground">{t.industry}</span>
                      <span className="text-sm text-muted-foreground">{t.description}</span>
                    </label>
                  );
                })}
              </div>
            )}
          </fieldset>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create and edit"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
