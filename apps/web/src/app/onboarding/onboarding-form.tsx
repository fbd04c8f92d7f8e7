"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { BriefcaseBusinessIcon, Building2Icon, CheckCircle2Icon } from "lucide-react";
import { toast } from "sonner";
import { createOrganizationInput } from "@mg/api/schemas";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardFooter } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { cn } from "@mg/ui/lib/utils";
import { Combobox } from "~/components/combobox";
import { FormFailure } from "~/lib/form-failure";
import { browserTimeZone, INDUSTRY_SUGGESTIONS, timeZoneOptions } from "~/lib/locale-options";
import { useSchemaForm } from "~/lib/use-schema-form";
import { useTRPC } from "~/trpc/client";

type Kind = "BUSINESS" | "AGENCY";

const subscribeNever = () => () => {};

const KINDS: { value: Kind; title: string; description: string; icon: typeof Building2Icon }[] = [
  { value: "BUSINESS", title: "Business", description: "One brand: a shop, a clinic, an exporter. Plan posts, capture leads, follow up.", icon: Building2Icon },
  { value: "AGENCY", title: "Agency", description: "Run marketing for many clients, each in its own organization, from one login.", icon: BriefcaseBusinessIcon },
];

/** `disabled`: the account's email is not confirmed yet, so the API would refuse (the page says why). */
export function OnboardingForm({ disabled = false }: { disabled?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.organization.create.mutationOptions());
  const [kind, setKind] = useState<Kind>("BUSINESS");
  // The browser's zone is only known on the client (the server renders UTC, then hydration fills it in).
  const browserZone = useSyncExternalStore(subscribeNever, browserTimeZone, () => "UTC");
  const [chosenZone, setTimezone] = useState<string | null | undefined>(undefined);
  const timezone = chosenZone === undefined ? browserZone : chosenZone;
  const { fieldErrors, failure, submit } = useSchemaForm(createOrganizationInput);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { name: form.get("name"), kind, timezone: timezone ?? "", industry: String(form.get("industry") ?? "").trim() || null };
    await submit(values, async (input) => {
      const org = await create.mutateAsync(input);
      toast.success(`${org.name} is ready`);
      router.push(`/${org.slug}`);
    });
  }

  const noun = kind === "AGENCY" ? "Agency" : "Business";

  return (
    <form onSubmit={onSubmit} noValidate data-testid="onboarding-form">
      <Card className="shadow-lg">
        <CardContent className="grid gap-6">
          <FormFailure failure={failure} />
          <fieldset className="grid gap-3">
            <legend className="mb-3 text-sm font-medium">What are you setting up?</legend>
            <div role="radiogroup" aria-label="Organization type" className="grid gap-3 sm:grid-cols-2">
              {KINDS.map((option) => {
                const checked = kind === option.value;
                const Icon = option.icon;
                return (
                  <label
                    key={option.value}
                    className={cn(
                      "relative flex cursor-pointer flex-col gap-3 rounded-xl border-2 p-4 transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
                      checked ? "border-primary bg-primary/5" : "border-border hover:border-primary/40 hover:bg-accent/40",
                    )}
                  >
                    <input type="radio" name="kind" value={option.value} checked={checked} onChange={() => setKind(option.value)} className="sr-only" aria-describedby={`kind-${option.value}-desc`} />
                    <div className="flex items-center justify-between">
                      <span className={cn("flex size-10 items-center justify-center rounded-lg", checked ? "bg-primary text-primary-foreground" : "bg-muted text-muted-foreground")}>
                        <Icon className="size-5" aria-hidden />
                      </span>
                      <CheckCircle2Icon className={cn("size-5 text-primary transition-opacity", checked ? "opacity-100" : "opacity-0")} aria-hidden />
                    </div>
                    <span className="text-base font-semibold">{option.title}</span>
                    <span id={`kind-${option.value}-desc`} className="text-sm text-muted-foreground">
                      {option.description}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <FormField label={`${noun} name`} error={fieldErrors.name} required>
            <Input name="name" autoComplete="organization" placeholder={kind === "AGENCY" ? "Brightwave Digital" : "Northwind Bakery"} />
          </FormField>
          <div className="grid gap-6 sm:grid-cols-2">
            <FormField label="Time zone" description="Posts are scheduled in this zone." error={fieldErrors.timezone} required>
              {(control) => <Combobox {...control} value={timezone} onChange={setTimezone} options={timeZoneOptions()} placeholder="Search time zones" data-testid="timezone-combobox" />}
            </FormField>
            <FormField label="Industry" description="Optional — helps us suggest content." error={fieldErrors.industry}>
              <Input name="industry" list="industry-suggestions" placeholder="e.g. Bakery & café" />
            </FormField>
            <datalist id="industry-suggestions">
              {INDUSTRY_SUGGESTIONS.map((i) => (
                <option key={i} value={i} />
              ))}
            </datalist>
          </div>
        </CardContent>
        <CardFooter className="justify-end border-t">
          <Button type="submit" size="lg" loading={create.isPending || create.isSuccess} disabled={disabled}>
            Create {noun.toLowerCase()}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
