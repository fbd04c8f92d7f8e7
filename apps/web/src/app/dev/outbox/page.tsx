import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InboxIcon } from "lucide-react";
import { listDevMail } from "@mg/jobs/mailer";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { Input } from "@mg/ui/input";
import { Logo } from "~/components/logo";
import { devOutboxEnabled } from "~/env";
import { Linkified } from "./linkified";

export const metadata: Metadata = { title: "Dev outbox" };
export const dynamic = "force-dynamic";

/**
 * Mail captured when no SMTP server is configured (sign-in links, invitations). Development only,
 * or a production build started with MG_DEV_OUTBOX=1 (end-to-end tests); a 404 otherwise.
 */
export default async function DevOutboxPage({ searchParams }: PageProps<"/dev/outbox">) {
  if (!devOutboxEnabled()) notFound();
  const params = await searchParams;
  const to = typeof params.to === "string" && params.to.trim() ? params.to.trim().toLowerCase() : undefined;
  const mails = await listDevMail({ to, limit: 50 });
  return (
    <div className="min-h-dvh">
      <header className="flex items-center justify-between border-b px-6 py-4">
        <Link href="/">
          <Logo />
        </Link>
        <Badge variant="warning">Development</Badge>
      </header>
      <main className="mx-auto grid max-w-3xl gap-6 px-4 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight">Dev outbox</h1>
            <p className="text-sm text-muted-foreground">Mail that would have been sent. Newest first{to ? ` — only mail to ${to}` : ""}.</p>
          </div>
          <form className="flex gap-2" action="/dev/outbox">
            <label htmlFor="outbox-to" className="sr-only">
              Recipient
            </label>
            <Input id="outbox-to" name="to" type="email" defaultValue={to} placeholder="Filter by recipient" className="w-56" />
            <Button type="submit" variant="outline">
              Filter
            </Button>
          </form>
        </div>
        {mails.length === 0 ? (
          <EmptyState icon={<InboxIcon />} title="No mail yet" description="Sign-in links and invitations appear here when no SMTP server is configured." />
        ) : (
          <ol className="grid gap-4" aria-label="Captured mail">
            {mails.map((mail) => (
              <li key={mail.id}>
                <Card className="gap-3 py-5" data-testid="outbox-mail">
                  <CardHeader className="px-5">
                    <CardTitle as="h2" className="text-base">
                      {mail.subject}
                    </CardTitle>
                    <CardDescription className="flex flex-wrap gap-x-3">
                      <span>
                        To <span className="font-medium text-foreground" data-testid="outbox-mail-to">{mail.to}</span>
                      </span>
                      <time dateTime={mail.createdAt.toISOString()}>{mail.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" })} UTC</time>
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="px-5">
                    <pre className="overflow-x-auto rounded-md bg-muted p-3 font-sans text-sm whitespace-pre-wrap">
                      <Linkified text={mail.text} />
                    </pre>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ol>
        )}
      </main>
    </div>
  );
}
