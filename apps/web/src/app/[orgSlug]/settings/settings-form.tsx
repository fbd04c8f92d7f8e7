"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LockIcon } from "lucide-react";
import { describeRolesWith } from "@mg/api/rbac";
import { toast } from "sonner";
import { updateSettingsInput } from "@mg/api/schemas";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { PageHeader } from "@mg/ui/page-header";
import { Combobox } from "~/components/combobox";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { countryOptions, INDUSTRY_SUGGESTIONS, timeZoneOptions, utcOffset } from "~/lib/locale-options";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { BrandingSection } from "./branding-section";

/** "owners and admins", from the permission matrix. */
const SETTINGS_EDITORS = describeRolesWith("settings.update");

export function SettingsForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { org, can } = useOrg();
  const editable = can("settings.update");
  const update = useMutation(trpc.organization.updateSettings.mutationOptions());

  const [name, setName] = useState(org.name);
  const [timezone, setTimezone] = useState<string | null>(org.timezone);
  const [industry, setIndustry] = useState(org.industry ?? "");
  const [country, setCountry] = useState<string | null>(org.country?.trim() ?? null);
  const form = useSchemaForm(updateSettingsInput);
  const { fieldErrors, failure } = form;

  const dirty = name !== org.name || timezone !== org.timezone || (industry || null) !== (org.industry ?? null) || (country ?? null) !== (org.country?.trim() ?? null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editable) return;
    await form.submit({ name, timezone: timezone ?? "", industry: industry.trim() || null, country: country ?? null }, async (input) => {
      const saved = await update.mutateAsync(input);
      setName(saved.name);
      toast.success("Settings saved");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.organization.listMine.queryKey() }),
      ]);
      router.refresh();
    });
  }

  function reset() {
    setName(org.name);
    setTimezone(org.timezone);
    setIndustry(org.industry ?? "");
    setCountry(org.country?.trim() ?? null);
    form.reset();
  }

  return (
    <div className="grid gap-8">
      <PageHeader title="Settings" description="Your organization’s name and where it works. Scheduling and reports use this time zone." />
      {!editable ? (
        <Alert variant="warning" data-testid="settings-read-only" icon={<LockIcon aria-hidden />}>
          <AlertTitle>Only {SETTINGS_EDITORS} can change settings</AlertTitle>
          <AlertDescription>You can see these settings, but not change them. Ask one of them if something needs updating.</AlertDescription>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate data-testid="settings-form" aria-label="Organization settings">
        <Card>
          <CardHeader>
            <CardTitle as="h2">General</CardTitle>
            <CardDescription>Shown to your team and, for client organizations, to your agency.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <FormFailure failure={failure} data-testid="settings-error" />
            <FormField label="Organization name" error={fieldErrors.name} required={editable}>
              <Input name="name" value={name} onChange={(e) => setName(e.target.value)} readOnly={!editable} disabled={!editable} autoComplete="organization" />
            </FormField>
            <div className="grid gap-6 sm:grid-cols-2">
              <FormField label="Time zone" description={timezone ? `Now ${utcOffset(timezone)}. Posts go out on this wall-clock time.` : undefined} error={fieldErrors.timezone} required={editable}>
                {(control) => <Combobox {...control} value={timezone} onChange={setTimezone} options={timeZoneOptions()} disabled={!editable} placeholder="Search time zones" />}
              </FormField>
              <FormField label="Country" description="Optional." error={fieldErrors.country}>
                {(control) => <Combobox {...control} value={country} onChange={setCountry} options={countryOptions()} disabled={!editable} clearable placeholder="Search countries" />}
              </FormField>
            </div>
            <FormField label="Industry" description="Optional." error={fieldErrors.industry}>
              <Input name="industry" value={industry} onChange={(e) => setIndustry(e.target.value)} readOnly={!editable} disabled={!editable} list="settings-industries" />
            </FormField>
            <datalist id="settings-industries">
              {INDUSTRY_SUGGESTIONS.map((i) => (
                <option key={i} value={i} />
              ))}
            </datalist>
          </CardContent>
          {editable ? (
            <CardFooter className="justify-end gap-2 border-t">
              <Button type="button" variant="ghost" onClick={reset} disabled={!dirty || update.isPending}>
                Discard
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!dirty}>
                Save changes
              </Button>
            </CardFooter>
          ) : null}
        </Card>
      </form>
      <BrandingSection />
    </div>
  );
}
