import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "~/trpc/server";
import { safeCallbackUrl } from "~/lib/callback-url";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/onboarding");
  if (await currentUser()) redirect(callbackUrl);
  const email = typeof params.email === "string" ? params.email : "";
  return <SignUpForm callbackUrl={callbackUrl} defaultEmail={email} />;
}
