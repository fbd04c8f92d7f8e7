import type { Metadata } from "next";
import Link from "next/link";
import { LinkIcon } from "lucide-react";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@mg/api/rbac";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { EmailVerificationNotice } from "~/components/account/email-verification-notice";
import { Logo } from "~/components/logo";
import { devOutboxEnabled } from "~/env";
import { withCallback } from "~/lib/callback-url";
import { formatDate } from "~/lib/format";
import { missingAsNull } from "~/lib/missing-as-null";
import { currentUser, serverCaller } from "~/trpc/server";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

async function preview(token: string) {
  return missingAsNull((await serverCaller()).members.invitationPreview({ token }));
}

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([preview(token), currentUser()]);
  const here = `/invite/${token}`;
  return (
    <div className="relative flex min-h-dvh flex-col">
      <div aria-hidden className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-80 bg-gradient-to-b from-primary/10 to-transparent" />
      <header className="px-6 py-5">
        <Link href="/">
          <Logo />
        </Link>
      </header>
      <main className="flex flex-1 justify-center px-4 pt-6 pb-16 sm:pt-12">
        <div className="w-full max-w-md">
          {!invitation ? (
            <Card className="shadow-lg" data-testid="invitation-invalid">
              <CardHeader>
                <div className="mb-2 flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
                  <LinkIcon className="size-6" aria-hidden />
                </div>
                <CardTitle as="h1" className="text-2xl">
                  This invitation can’t be used
                </CardTitle>
                <CardDescription>The link is invalid, expired, revoked or already used. Ask the person who invited you for a new one.</CardDescription>
              </CardHeader>
              <CardFooter>
                <Button asChild variant="outline" className="w-full">
                  <Link href="/">Go to my workspace</Link>
                </Button>
              </CardFooter>
            </Card>
          ) : (
            <Card className="shadow-lg" data-testid="invitation">
              <CardHeader>
                <CardDescription>{invitation.invitedBy ? `${invitation.invitedBy} invited you to join` : "You’re invited to join"}</CardDescription>
                <CardTitle as="h1" className="text-2xl tracking-tight" data-testid="invitation-org">
                  {invitation.organizationName}
                </CardTitle>
              </CardHeader>
              <CardContent className="grid gap-4 text-sm">
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
                  <dt className="text-muted-foreground">Role</dt>
                  <dd>
                    <Badge variant="secondary" data-testid="invitation-role">
                      {ROLE_LABELS[invitation.role]}
                    </Badge>
                    <p className="mt-1 text-muted-foreground">{ROLE_DESCRIPTIONS[invitation.role]}</p>
                  </dd>
                  <dt className="text-muted-foreground">For</dt>
                  <dd className="font-medium break-all">{invitation.email}</dd>
                  <dt className="text-muted-foreground">Expires</dt>
                  <dd>
                    <time dateTime={invitation.expiresAt.toISOString()}>{formatDate(invitation.expiresAt, "UTC")}</time>
                  </dd>
                </dl>
              </CardContent>
              <CardFooter className="flex-col items-stretch gap-3">
                {user && !user.emailVerified ? (
                  <EmailVerificationNotice email={user.email} blocked="accept this invitation" outbox={devOutboxEnabled()} />
                ) : user ? (
                  <AcceptInvitation token={token} signedInAs={user.email} invitedEmail={invitation.email} />
                ) : (
                  <>
                    <Button asChild>
                      <Link href={withCallback("/sign-up", here, { email: invitation.email })}>Create an account to accept</Link>
                    </Button>
                    <Button asChild variant="outline">
                      <Link href={withCallback("/sign-in", here)}>I already have an account</Link>
                    </Button>
                  </>
                )}
              </CardFooter>
            </Card>
          )}
        </div>
      </main>
    </div>
  );
}
