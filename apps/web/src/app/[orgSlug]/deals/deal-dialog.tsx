"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { CurrencySelect } from "~/components/currency-select";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { FormFailure } from "~/lib/form-failure";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { minorToDecimal, parseAmount, type Pipeline } from "./money";

const UNASSIGNED = "__none";

export interface DealDraft {
  id: string;
  name: string;
  amountMinor: string;
  currency: string;
  expectedCloseOn: string | null;
  ownerUserId: string | null;
}

/**
 * New deal (in a pipeline, optionally a given stage) or edit of an existing one's fields. The
 * amount is typed in major units and sent as exact minor units (a string of digits).
 */
export function DealDialog({
  open,
  onOpenChange,
  pipeline,
  stageId,
  deal,
  contact,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipeline?: Pipeline;
  stageId?: string;
  deal?: DealDraft;
  /** A new deal started from a contact's page is that contact's deal. */
  contact?: { id: string; name: string };
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{deal ? `Edit “${deal.name}”` : "New deal"}</DialogTitle>
          <DialogDescription>{deal ? "Change the deal’s amount, close date or owner. Its stage changes on the board." : `Adds the deal to ${pipeline ? `“${pipeline.name}”` : "the default pipeline"}${contact ? `, with ${contact.name} as its contact` : ""}.`}</DialogDescription>
        </DialogHeader>
        {open ? <DealForm key={deal?.id ?? "new"} pipeline={pipeline} stageId={stageId} deal={deal} contactId={contact?.id} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function DealForm({ pipeline, stageId, deal, contactId, onDone }: { pipeline?: Pipeline; stageId?: string; deal?: DealDraft; contactId?: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const owners = useQuery(trpc.deals.owners.queryOptions());
  const openStages = pipeline?.stages.filter((s) => s.kind === "OPEN") ?? [];
  const [name, setName] = useState(deal?.name ?? "");
  const [currency, setCurrency] = useState(deal?.currency ?? pipeline?.currency ?? "USD");
  const [amount, setAmount] = useState(deal ? minorToDecimal(deal.amountMinor, deal.currency) : "");
  const [closeOn, setCloseOn] = useState(deal?.expectedCloseOn ?? "");
  const [stage, setStage] = useState(stageId ?? openStages[0]?.id ?? "");
  const [owner, setOwner] = useState<string>(deal ? (deal.ownerUserId ?? UNASSIGNED) : "");
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation(trpc.deals.create.mutationOptions());
  const update = useMutation(trpc.deals.update.mutationOptions());
  const myUserId = owners.data?.myUserId;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const amountMinor = parseAmount(amount, currency);
    const errors: Record<string, string | undefined> = {};
    if (!name.trim()) errors.name = "Name the deal.";
    if (amountMinor === null) errors.amountMinor = "Enter an amount such as 1500 or 1500.50.";
    setFieldErrors(errors);
    if (Object.values(errors).some(Boolean) || amountMinor === null) return;
    const ownerUserId = owner === "" ? (myUserId ?? null) : owner === UNASSIGNED ? null : owner;
    try {
      if (deal) {
        await update.mutateAsync({ dealId: deal.id, name, amountMinor, currency, expectedCloseOn: closeOn || null, ownerUserId });
        toast.success(`Saved “${name.trim()}”`);
      } else {
        await create.mutateAsync({ name, amountMinor, currency, pipelineId: pipeline?.id, stageId: stage || undefined, expectedCloseOn: closeOn || null, ownerUserId, contactIds: contactId ? [contactId] : [] });
        toast.success(`Created “${name.trim()}”`);
      }
      await queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
      // The contact's page lists its deals.
      if (contactId) await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
      onDone();
    } catch (error) {
      const info = apiError(error);
      setFieldErrors(info.fieldErrors);
      setFailure(info);
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="deal-form">
      <FormFailure failure={failure} />
      <FormField label="Name" error={fieldErrors.name} required>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="Wholesale order — Riverside Café" autoFocus />
      </FormField>
      <div className="grid items-start gap-4 sm:grid-cols-[1fr_8rem]">
        <FormField label="Amount" error={fieldErrors.amountMinor}>
          <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0.00" />
        </FormField>
        <FormField label="Currency" error={fieldErrors.currency}>
          {(control) => <CurrencySelect {...control} value={currency} onValueChange={setCurrency} />}
        </FormField>
      </div>
      {!deal && openStages.length > 0 ? (
        <FormField label="Stage" error={fieldErrors.stageId}>
          {(control) => (
            <Select value={stage} onValueChange={setStage}>
              <SelectTrigger {...control} className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {openStages.map((s) => (
                  <SelectItem key={s.id} value={s.id}>
                    {s.name} ({s.probability} %)
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
      ) : null}
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Expected close" error={fieldErrors.expectedCloseOn}>
          <Input type="date" value={closeOn} onChange={(e) => setCloseOn(e.target.value)} />
        </FormField>
        <FormField label="Owner" error={fieldErrors.ownerUserId}>
          {(control) => (
            <Select value={owner === "" ? (myUserId ?? UNASSIGNED) : owner} onValueChange={setOwner}>
              <SelectTrigger {...control} className="w-full">
                <SelectValue placeholder="Owner" />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={UNASSIGNED}>Unassigned</SelectItem>
                {(owners.data?.people ?? []).map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name ?? p.email}
                    {p.id === myUserId ? " (you)" : ""}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
      </div>
      <FormDialogFooter onCancel={onDone} busy={create.isPending || update.isPending} submitLabel={deal ? "Save" : "Create deal"} />
    </form>
  );
}
