import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { EmailVerificationNotice } from "~/components/account/email-verification-notice";
import { Logo } from "~/components/logo";
import { devOutboxEnabled } from "~/env";
import { UserMenu } from "~/components/user-menu";
import { withCallback } from "~/lib/callback-url";
import { currentUser, serverCaller } from "~/trpc/server";
import { OnboardingForm } from "./onboarding-form";

export const metadata: Metadata = { title: "Set up your workspace" };

export default async function OnboardingPage() {
  const user = await currentUser();
  if (!user) redirect(withCallback("/sign-in", "/onboarding"));
  const organizations = await (await serverCaller()).organization.listMine();
  const first = organizations[0];
  return (
    <div className="relative flex min-h-dvh flex-col">
      <div aria-hidden className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-80 bg-gradient-to-b from-primary/10 to-transparent" />
      <header className="flex items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Logo />
        <UserMenu user={{ name: user.name, email: user.email }} />
      </header>
      <main className="mx-auto w-full max-w-2xl flex-1 px-4 pt-4 pb-16 sm:pt-10">
        {first ? (
          <Link href={`/${first.slug}`} className="mb-6 inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon className="size-4" aria-hidden /> Back to {first.name}
          </Link>
        ) : null}
        <div className="mb-8 space-y-2">
          <h1 className="text-3xl font-semibold tracking-tight text-balance">{first ? "Create another organization" : `Welcome${user.name ? `, ${user.name.split(" ")[0]}` : ""}! Let’s set up your workspace`}</h1>
          <p className="text-muted-foreground">It takes a minute. You can change everything later in Settings.</p>
        </div>
        {user.emailVerified ? null : (
          <div className="mb-6">
            <EmailVerificationNotice email={user.email} blocked="create an organization or accept an invitation" outbox={devOutboxEnabled()} />
          </div>
        )}
        <OnboardingForm disabled={!user.emailVerified} />
      </main>
    </div>
  );
}
