"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { KeyRoundIcon, MailIcon } from "lucide-react";
import { magicLinkInput, signInInput } from "@mg/api/schemas";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Separator } from "@mg/ui/separator";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@mg/ui/tabs";
import { withCallback } from "~/lib/callback-url";
import { apiError } from "~/lib/errors";
import { FormFailure } from "~/lib/form-failure";
import { useSchemaForm } from "~/lib/use-schema-form";
import { EMAIL_LINK_CODES, signInErrorMessage } from "../auth-errors";
import { OAuthButtons } from "./oauth-buttons";

interface Props {
  callbackUrl: string;
  errorMessage: string | null;
  oauth: { google: boolean; github: boolean };
}

export function SignInForm({ callbackUrl, errorMessage, oauth }: Props) {
  const router = useRouter();
  const [tab, setTab] = useState("password");
  const passwordForm = useSchemaForm(signInInput);
  const magicLinkForm = useSchemaForm(magicLinkInput);
  // The `?error=` a failed redirect brought back, until the next attempt.
  const [redirectError, setRedirectError] = useState(errorMessage);
  const [pending, setPending] = useState(false);
  const [email, setEmail] = useState("");
  const failure = passwordForm.failure ?? magicLinkForm.failure ?? (redirectError ? apiError(new Error(redirectError)) : null);

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRedirectError(null);
    const form = new FormData(event.currentTarget);
    await passwordForm.submit({ email: form.get("email"), password: form.get("password") }, async (input) => {
      setPending(true);
      const result = await signIn("credentials", { ...input, redirect: false, callbackUrl });
      if (!result || result.error) {
        setPending(false);
        // Password sign-in is paused for this account: the email link is the way in.
        if (result?.error && EMAIL_LINK_CODES.has(result.error)) setTab("email-link");
        throw new Error(signInErrorMessage(result?.error, "Callback"));
      }
      // A full navigation so every server component sees the new session cookie.
      window.location.assign(callbackUrl);
    });
  }

  async function onMagicLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRedirectError(null);
    const form = new FormData(event.currentTarget);
    await magicLinkForm.submit({ email: form.get("email") }, async (input) => {
      setPending(true);
      const result = await signIn("email", { email: input.email, redirect: false, callbackUrl });
      if (!result || result.error) {
        setPending(false);
        throw new Error(signInErrorMessage(result?.error, "EmailSignin"));
      }
      router.push(`/sign-in/check-email?email=${encodeURIComponent(input.email)}`);
    });
  }

  const hasOAuth = oauth.google || oauth.github;

  return (
    <Card className="shadow-lg">
      <CardHeader>
        <CardTitle as="h1" className="text-2xl tracking-tight">
          Welcome back
        </CardTitle>
        <CardDescription>Sign in to your marketing workspace.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <FormFailure failure={failure} data-testid="sign-in-error" />

        {hasOAuth ? (
          <>
            <OAuthButtons google={oauth.google} github={oauth.github} callbackUrl={callbackUrl} />
            <div className="flex items-center gap-3 text-xs text-muted-foreground uppercase">
              <Separator className="flex-1" />
              or
              <Separator className="flex-1" />
            </div>
          </>
        ) : null}

        <Tabs
          value={tab}
          onValueChange={(value) => {
            setTab(value);
            // The email is shared between the tabs: a message about it may no longer be true.
            passwordForm.reset();
            magicLinkForm.reset();
          }}
        >
          <TabsList className="grid w-full grid-cols-2">
            <TabsTrigger value="password">
              <KeyRoundIcon aria-hidden /> Password
            </TabsTrigger>
            <TabsTrigger value="email-link">
              <MailIcon aria-hidden /> Email link
            </TabsTrigger>
          </TabsList>
          <TabsContent value="password" className="pt-4">
            <form onSubmit={onPassword} noValidate className="grid gap-4" data-testid="sign-in-form">
              <FormField label="Email" error={passwordForm.fieldErrors.email}>
                <Input name="email" type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
              </FormField>
              <FormField label="Password" error={passwordForm.fieldErrors.password}>
                <Input name="password" type="password" autoComplete="current-password" />
              </FormField>
              <Button type="submit" loading={pending} className="w-full">
                Sign in
              </Button>
            </form>
          </TabsContent>
          <TabsContent value="email-link" className="pt-4">
            <form onSubmit={onMagicLink} noValidate className="grid gap-4" data-testid="magic-link-form">
              <FormField label="Email" description="We'll email you a link that signs you in — no password needed." error={magicLinkForm.fieldErrors.email}>
                <Input name="email" type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} />
              </FormField>
              <Button type="submit" loading={pending} className="w-full">
                Email me a sign-in link
              </Button>
            </form>
          </TabsContent>
        </Tabs>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        New to Marketing Genius?&nbsp;
        <Link href={withCallback("/sign-up", callbackUrl)} className="font-medium text-primary underline-offset-4 hover:underline">
          Create an account
        </Link>
      </CardFooter>
    </Card>
  );
}
