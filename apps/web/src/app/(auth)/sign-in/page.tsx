import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { enabledOAuthProviders } from "@mg/api/auth";
import { currentUser } from "~/trpc/server";
import { safeCallbackUrl } from "~/lib/callback-url";
import { authErrorMessage } from "../auth-errors";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const error = typeof params.error === "string" ? params.error : null;
  // Already signed in (and not bounced here by an error): go where they were heading.
  if (!error && (await currentUser())) redirect(callbackUrl);
  return <SignInForm callbackUrl={callbackUrl} errorMessage={authErrorMessage(error)} oauth={enabledOAuthProviders()} />;
}
