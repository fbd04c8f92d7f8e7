import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { Logo } from "~/components/logo";
import { UserMenu } from "~/components/user-menu";
import { EmailVerificationNotice } from "~/components/account/email-verification-notice";
import { devOutboxEnabled } from "~/env";
import { withCallback } from "~/lib/callback-url";
import { currentUser, serverCaller } from "~/trpc/server";
import { PasswordForm } from "./password-form";
import { SessionsList } from "./sessions-list";

export const metadata: Metadata = { title: "Account and security" };

/** The signed-in person's own account, outside any organization: address, password, devices. */
export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect(withCallback("/sign-in", "/account"));
  const caller = await serverCaller();
  const [account, organizations] = await Promise.all([caller.account.me(), caller.organization.listMine()]);
  const back = organizations[0];
  return (
    <div className="relative flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-4 border-b px-4 py-3 sm:px-6">
        <Link href="/" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Logo />
        </Link>
        <UserMenu user={{ name: user.name, email: user.email }} />
      </header>
      <main className="mx-auto grid w-full max-w-3xl flex-1 gap-8 px-4 pt-6 pb-16 sm:pt-10">
        {back ? (
          <Link href={`/${back.slug}`} className="inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon className="size-4" aria-hidden /> Back to {back.name}
          </Link>
        ) : null}
        <div className="space-y-1">
          <h1 className="text-3xl font-semibold tracking-tight">Account and security</h1>
          <p className="text-muted-foreground">
            Signed in as <span className="font-medium text-foreground break-all">{account.email}</span>
            {account.emailVerified ? " (confirmed)." : "."}
          </p>
        </div>
        {account.emailVerified ? null : <EmailVerificationNotice email={account.email} blocked="create an organization or accept an invitation" outbox={devOutboxEnabled()} />}
        <PasswordForm hasPassword={account.hasPassword} canSetPassword={account.emailVerified || account.hasPassword} />
        <SessionsList />
      </main>
    </div>
  );
}
