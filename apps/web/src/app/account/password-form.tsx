"use client";

import { useRef, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { changePasswordInput, passwordSchema } from "@mg/api/schemas";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { useTRPC } from "~/trpc/client";

const PASSWORD_HINT = passwordSchema.minLength ? `At least ${passwordSchema.minLength} characters.` : undefined;

export function PasswordForm({ hasPassword, canSetPassword }: { hasPassword: boolean; canSetPassword: boolean }) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const { fieldErrors, failure, submit } = useSchemaForm(changePasswordInput);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await submit({ currentPassword: hasPassword ? form.get("currentPassword") : undefined, newPassword: form.get("newPassword") }, async (input) => {
      const { endedSessions } = await change.mutateAsync(input);
      formRef.current?.reset();
      toast.success(endedSessions > 0 ? `Password saved. ${endedSessions} other ${endedSessions === 1 ? "device was" : "devices were"} signed out.` : "Password saved.");
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{hasPassword ? "Change password" : "Set a password"}</CardTitle>
        <CardDescription>
          {hasPassword
            ? "Every other device signed in to your account is signed out when you change it."
            : canSetPassword
              ? "You sign in with email links today. A password lets you sign in without waiting for an email."
              : "Confirm your email address first; then you can set a password here."}
        </CardDescription>
      </CardHeader>
      <form ref={formRef} onSubmit={onSubmit} noValidate data-testid="password-form">
        <CardContent className="grid gap-4">
          <FormFailure failure={failure} />
          {hasPassword ? (
            <FormField label="Current password" error={fieldErrors.currentPassword}>
              <Input name="currentPassword" type="password" autoComplete="current-password" />
            </FormField>
          ) : null}
          <FormField label="New password" description={PASSWORD_HINT} error={fieldErrors.newPassword}>
            <Input name="newPassword" type="password" autoComplete="new-password" disabled={!canSetPassword} />
          </FormField>
        </CardContent>
        <CardFooter className="justify-end border-t">
          <Button type="submit" loading={change.isPending} disabled={!canSetPassword}>
            {hasPassword ? "Change password" : "Set password"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
