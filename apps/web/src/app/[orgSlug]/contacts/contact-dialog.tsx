"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { FormFailure } from "~/lib/form-failure";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { useMemberOptions, type LifecycleStage } from "./crm-ui";
import { ChoiceSelect, CompanySelect, FormFooter, LIFECYCLE_CHOICES, NONE, ownerChoices } from "./record-fields";

/** "New contact": the key fields; everything else is edited on the contact's page. */
export function NewContactDialog({ open, onOpenChange, companyId }: { open: boolean; onOpenChange: (open: boolean) => void; companyId?: string }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>New contact</DialogTitle>
          <DialogDescription>A name, an email address or a phone number is enough. Phone numbers without a country code are read in your organization’s country.</DialogDescription>
        </DialogHeader>
        {open ? <NewContactForm companyId={companyId} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function NewContactForm({ companyId, onDone }: { companyId?: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, user } = useOrg();
  const { members } = useMemberOptions();
  const create = useMutation(trpc.contacts.create.mutationOptions());
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [jobTitle, setJobTitle] = useState("");
  const [company, setCompany] = useState<string | null>(companyId ?? null);
  const [owner, setOwner] = useState(user.id);
  const [stage, setStage] = useState<LifecycleStage>("LEAD");
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    try {
      const { id } = await create.mutateAsync({
        firstName: firstName || null,
        lastName: lastName || null,
        emails: email.trim() ? [email] : [],
        phones: phone.trim() ? [{ number: phone, label: "mobile" }] : [],
        jobTitle: jobTitle || null,
        companyId: company,
        ownerUserId: owner === NONE ? null : owner,
        lifecycleStage: stage,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.companies.pathKey() });
      toast.success("Contact created", { action: { label: "Open", onClick: () => router.push(`/${slug}/contacts/${id}`) } });
      onDone();
    } catch (error) {
      setFailure(apiError(error));
    }
  }

  const errors = failure?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="contact-form">
      <FormFailure failure={failure} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="First name" error={errors.firstName}>
          <Input value={firstName} onChange={(e) => setFirstName(e.target.value)} maxLength={100} autoFocus autoComplete="off" />
        </FormField>
        <FormField label="Last name" error={errors.lastName}>
          <Input value={lastName} onChange={(e) => setLastName(e.target.value)} maxLength={100} autoComplete="off" />
        </FormField>
        <FormField label="Email" error={errors.emails}>
          <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="off" />
        </FormField>
        <FormField label="Phone" error={errors.phones}>
          <Input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={40} autoComplete="off" />
        </FormField>
        <FormField label="Job title" error={errors.jobTitle}>
          <Input value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} maxLength={200} />
        </FormField>
        <FormField label="Company">
          {(control) => <CompanySelect {...control} className="w-full" value={company} onChange={setCompany} />}
        </FormField>
        <FormField label="Lifecycle stage">
          {(control) => <ChoiceSelect {...control} className="w-full" value={stage} onChange={setStage} choices={LIFECYCLE_CHOICES} />}
        </FormField>
        <FormField label="Owner">
          {(control) => <ChoiceSelect {...control} className="w-full" value={owner} onChange={setOwner} choices={ownerChoices(members)} />}
        </FormField>
      </div>
      <FormFooter onCancel={onDone} submitLabel="Create contact" pending={create.isPending} pendingLabel="Creating…" />
    </form>
  );
}
