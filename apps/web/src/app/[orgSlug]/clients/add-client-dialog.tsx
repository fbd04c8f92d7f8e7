"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { createClientInput } from "@mg/api/schemas";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Combobox } from "~/components/combobox";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { INDUSTRY_SUGGESTIONS, timeZoneOptions } from "~/lib/locale-options";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

export function AddClientDialog({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org } = useOrg();
  const [open, setOpen] = useState(defaultOpen);
  const [timezone, setTimezone] = useState<string | null>(org.timezone);
  const { fieldErrors, failure, submit, reset } = useSchemaForm(createClientInput);
  const create = useMutation(trpc.organization.createClient.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { name: form.get("name"), timezone: timezone ?? "", industry: String(form.get("industry") ?? "").trim() || null };
    await submit(values, async (input) => {
      const client = await create.mutateAsync(input);
      toast.success(`${client.name} added`, { description: `Open it at /${client.slug}` });
      setOpen(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.organization.listClients.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.organization.listMine.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() }),
      ]);
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          reset();
          setTimezone(org.timezone);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> Add client
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="add-client-form">
          <DialogHeader>
            <DialogTitle>Add a client</DialogTitle>
            <DialogDescription>A separate organization for the client’s posts, leads and data. Your team gets access through {org.name}.</DialogDescription>
          </DialogHeader>
          <FormFailure failure={failure} />
          <FormField label="Client name" error={fieldErrors.name} required>
            <Input name="name" autoComplete="off" placeholder="Northwind Bakery" autoFocus />
          </FormField>
          <FormField label="Time zone" description="The client’s posts are scheduled in this zone." error={fieldErrors.timezone} required>
            {(control) => <Combobox {...control} value={timezone} onChange={setTimezone} options={timeZoneOptions()} placeholder="Search time zones" />}
          </FormField>
          <FormField label="Industry" description="Optional." error={fieldErrors.industry}>
            <Input name="industry" list="client-industries" />
          </FormField>
          <datalist id="client-industries">
            {INDUSTRY_SUGGESTIONS.map((i) => (
              <option key={i} value={i} />
            ))}
          </datalist>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add client
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
