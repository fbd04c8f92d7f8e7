"use client";

import { useState, type FormEvent } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { FormFailure } from "~/lib/form-failure";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { COMPANY_SIZES, type CompanySize as Size } from "../contacts/crm-ui";
import { ChoiceSelect, FormFooter, NONE } from "../contacts/record-fields";


export interface CompanyValues {
  name: string;
  domain: string | null;
  industry: string | null;
  size: Size | null;
  country: string | null;
  address: { line1?: string; city?: string; postalCode?: string };
}

/** Create or edit a company's key fields (custom fields are edited in place on its page). */
interface CompanyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  initial?: Partial<CompanyValues>;
  onSave: (values: CompanyValues) => Promise<void>;
}

export function CompanyDialog(props: CompanyDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogDescription>The website is stored as its domain (shop.example.co.uk → example.co.uk), which no other company may have.</DialogDescription>
        </DialogHeader>
        {props.open ? <CompanyForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CompanyForm({ onOpenChange, initial, onSave }: CompanyDialogProps) {
  const [name, setName] = useState(initial?.name ?? "");
  const [domain, setDomain] = useState(initial?.domain ?? "");
  const [industry, setIndustry] = useState(initial?.industry ?? "");
  const [size, setSize] = useState<string>(initial?.size ?? NONE);
  const [country, setCountry] = useState(initial?.country ?? "");
  const [line1, setLine1] = useState(initial?.address?.line1 ?? "");
  const [city, setCity] = useState(initial?.address?.city ?? "");
  const [postalCode, setPostalCode] = useState(initial?.address?.postalCode ?? "");
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await onSave({
        name,
        domain: domain.trim() || null,
        industry: industry.trim() || null,
        size: size === NONE ? null : (size as Size),
        country: country.trim() || null,
        address: { ...(line1.trim() ? { line1: line1.trim() } : {}), ...(city.trim() ? { city: city.trim() } : {}), ...(postalCode.trim() ? { postalCode: postalCode.trim() } : {}) },
      });
      onOpenChange(false);
    } catch (e) {
      setFailure(apiError(e));
    } finally {
      setSaving(false);
    }
  }

  const errors = failure?.fieldErrors ?? {};
  return (
        <form onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="company-form">
          <FormFailure failure={failure} />
          <FormField label="Name" error={errors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Website or domain" error={errors.domain}>
              <Input value={domain} onChange={(e) => setDomain(e.target.value)} maxLength={300} placeholder="example.com" />
            </FormField>
            <FormField label="Industry" error={errors.industry}>
              <Input value={industry} onChange={(e) => setIndustry(e.target.value)} maxLength={100} />
            </FormField>
            <FormField label="Size">
              {(control) => <ChoiceSelect {...control} className="w-full" value={size} onChange={setSize} choices={[[NONE, "Unknown"], ...COMPANY_SIZES.map((s) => [s, `${s} people`] as const)]} />}
            </FormField>
            <FormField label="Country" description="Two letters, such as GB." error={errors.country}>
              <Input value={country} onChange={(e) => setCountry(e.target.value)} maxLength={2} />
            </FormField>
            <FormField label="Street">
              <Input value={line1} onChange={(e) => setLine1(e.target.value)} maxLength={200} />
            </FormField>
            <div className="grid grid-cols-[1fr_7rem] gap-2">
              <FormField label="City">
                <Input value={city} onChange={(e) => setCity(e.target.value)} maxLength={100} />
              </FormField>
              <FormField label="Postcode">
                <Input value={postalCode} onChange={(e) => setPostalCode(e.target.value)} maxLength={20} />
              </FormField>
            </div>
          </div>
          <FormFooter onCancel={() => onOpenChange(false)} submitLabel="Save" pending={saving} pendingLabel="Saving…" />
        </form>
  );
}
