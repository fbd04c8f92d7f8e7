"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@mg/ui/button";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { zodFieldErrors, type FieldErrors } from "~/lib/errors";
import { sandboxProfileSchema, type AuthorizationParams } from "../sandbox-consent";

/**
 * A plain form posted to the decision route (it works before the page is interactive); once it
 * is, mistakes are shown without a round trip.
 */
export function ConsentForm({ params, denyUrl, initial, initialErrors }: { params: AuthorizationParams; denyUrl: string; initial: { name: string; handle: string }; initialErrors: FieldErrors }) {
  const [errors, setErrors] = useState<FieldErrors>(initialErrors);
  const [leaving, setLeaving] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const parsed = sandboxProfileSchema.safeParse({ name: data.get("name"), handle: data.get("handle") });
    if (!parsed.success) {
      event.preventDefault();
      setErrors(zodFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setLeaving(true);
  }

  return (
    <form method="post" action="/sandbox/authorize/decision" onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Sandbox profile">
      <input type="hidden" name="state" value={params.state} />
      <input type="hidden" name="redirect_uri" value={params.redirectUri} />
      <input type="hidden" name="code_challenge" value={params.codeChallenge} />
      <input type="hidden" name="decision" value="allow" />
      <FormField label="Profile name" error={errors.name} required>
        <Input name="name" defaultValue={initial.name} placeholder="Northwind Bakery" autoComplete="off" autoFocus />
      </FormField>
      <FormField label="Handle" description="Shown as @handle on your Sandbox posts." error={errors.handle} required>
        <Input name="handle" defaultValue={initial.handle} placeholder="northwind" autoComplete="off" autoCapitalize="none" spellCheck={false} />
      </FormField>
      <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
        <Button variant="outline" asChild>
          <a href={denyUrl}>Deny</a>
        </Button>
        <Button type="submit" loading={leaving}>
          Allow
        </Button>
      </div>
    </form>
  );
}
