"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { passwordSchema, signUpInput } from "@mg/api/schemas";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { useTRPC } from "~/trpc/client";
import { withCallback } from "~/lib/callback-url";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";

const PASSWORD_HINT = passwordSchema.minLength ? `At least ${passwordSchema.minLength} characters.` : undefined;

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  // "Already registered" belongs next to the email field.
  const { fieldErrors, failure, submit } = useSchemaForm(signUpInput, { conflictField: "email" });
  const [signingIn, setSigningIn] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The confirmation link brings them back here (an invitation, say) once the address is confirmed.
    await submit({ name: form.get("name"), email: form.get("email"), password: form.get("password"), returnTo: callbackUrl }, async (input) => {
      await signUp.mutateAsync(input);
      setSigningIn(true);
      const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false, callbackUrl });
      if (!result || result.error) {
        setSigningIn(false);
        throw new Error("Your account was created, but signing in failed. Please sign in.");
      }
      window.location.assign(callbackUrl);
    });
  }

  return (
    <Card className="shadow-lg">
      <CardHeader>
        <CardTitle as="h1" className="text-2xl tracking-tight">
          Create your account
        </CardTitle>
        <CardDescription>Plan, publish and follow up — in twenty minutes a day.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="sign-up-form">
          <FormFailure failure={failure} />
          <FormField label="Your name" error={fieldErrors.name}>
            <Input name="name" autoComplete="name" autoFocus />
          </FormField>
          <FormField label="Email" error={fieldErrors.email}>
            <Input name="email" type="email" autoComplete="email" inputMode="email" defaultValue={defaultEmail} />
          </FormField>
          <FormField label="Password" description={PASSWORD_HINT} error={fieldErrors.password}>
            <Input name="password" type="password" autoComplete="new-password" />
          </FormField>
          <Button type="submit" loading={signUp.isPending || signingIn} className="w-full">
            Create account
          </Button>
        </form>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        Already have an account?&nbsp;
        <Link href={withCallback("/sign-in", callbackUrl === "/onboarding" ? null : callbackUrl)} className="font-medium text-primary underline-offset-4 hover:underline">
          Sign in
        </Link>
      </CardFooter>
    </Card>
  );
}
