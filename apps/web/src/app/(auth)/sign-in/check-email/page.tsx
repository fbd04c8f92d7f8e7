import type { Metadata } from "next";
import Link from "next/link";
import { InboxIcon, MailCheckIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { devOutboxEnabled } from "~/env";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: PageProps<"/sign-in/check-email">) {
  const params = await searchParams;
  const email = typeof params.email === "string" ? params.email : null;
  const outbox = devOutboxEnabled();
  return (
    <Card className="shadow-lg">
      <CardHeader>
        <div className="mb-2 flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
          <MailCheckIcon aria-hidden className="size-6" />
        </div>
        <CardTitle as="h1" className="text-2xl tracking-tight">
          Check your email
        </CardTitle>
        <CardDescription>
          We sent a sign-in link to {email ? <strong className="font-medium text-foreground">{email}</strong> : "your email address"}. It works once and expires in 15
          minutes.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm text-muted-foreground">
        <p>Nothing there? Check your spam folder, or request a new link.</p>
        {outbox ? (
          <Alert variant="info" icon={<InboxIcon aria-hidden />}>
            <AlertTitle>Running without a mail server?</AlertTitle>
            <AlertDescription>
              <p>Mail is captured in the development outbox instead of being sent.</p>
              <Link href={email ? `/dev/outbox?to=${encodeURIComponent(email)}` : "/dev/outbox"} className="font-medium text-primary underline-offset-4 hover:underline">
                Open the dev outbox
              </Link>
            </AlertDescription>
          </Alert>
        ) : null}
      </CardContent>
      <CardFooter>
        <Button variant="outline" asChild className="w-full">
          <Link href="/sign-in">Back to sign in</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
