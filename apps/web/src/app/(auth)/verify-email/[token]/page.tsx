import type { Metadata } from "next";
import Link from "next/link";
import { LinkIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { safeCallbackUrl } from "~/lib/callback-url";
import { formatDate } from "~/lib/format";
import { missingAsNull } from "~/lib/missing-as-null";
import { serverCaller } from "~/trpc/server";
import { ConfirmEmail } from "./confirm-email";

export const metadata: Metadata = { title: "Confirm your email" };

async function preview(token: string) {
  return missingAsNull((await serverCaller()).auth.verificationPreview({ token }));
}

/**
 * The link mailed at sign-up opens this page; confirming takes a click (a POST), because mail
 * scanners open links on their own and must not endorse an account for the mailbox's owner.
 */
export default async function VerifyEmailPage({ params, searchParams }: PageProps<"/verify-email/[token]">) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  const next = safeCallbackUrl(query.next, "/");
  const link = await preview(token);
  if (!link) {
    return (
      <Card className="shadow-lg" data-testid="verification-invalid">
        <CardHeader>
          <div className="mb-2 flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <LinkIcon className="size-6" aria-hidden />
          </div>
          <CardTitle as="h1" className="text-2xl">
            This link can’t be used
          </CardTitle>
          <CardDescription>It is invalid, expired or already used. Sign in and ask for a new confirmation link.</CardDescription>
        </CardHeader>
        <CardFooter>
          <Button asChild variant="outline" className="w-full">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </CardFooter>
      </Card>
    );
  }
  return (
    <Card className="shadow-lg" data-testid="verify-email">
      <CardHeader>
        <CardTitle as="h1" className="text-2xl tracking-tight">
          Confirm your email address
        </CardTitle>
        <CardDescription>
          An account for <strong className="font-medium text-foreground break-all">{link.email}</strong> was created on{" "}
          <time dateTime={link.accountCreatedAt.toISOString()}>{formatDate(link.accountCreatedAt, "UTC")}</time> with a password. Confirm only if that was you.
        </CardDescription>
      </CardHeader>
      <ConfirmEmail token={token} next={next} />
    </Card>
  );
}
