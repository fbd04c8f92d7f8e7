import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Badge } from "@mg/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@mg/ui/table";
import { Logo } from "~/components/logo";
import { UserMenu } from "~/components/user-menu";
import { devOutboxEnabled } from "~/env";
import { formatRelative } from "~/lib/format";
import { currentUser, serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Platform status", robots: { index: false, follow: false } };

type PlatformStatus = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["platform"]["status"]>>;

/** The API decides who may see this (platform.status: PLATFORM_ADMIN_EMAILS); anyone else gets the ordinary 404. */
async function loadStatus(): Promise<PlatformStatus> {
  try {
    return await (await serverCaller()).platform.status();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.8125rem] break-all">{children}</code>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/**
 * The installation's health for its operators: how jobs are delivered, what waits in the outbox,
 * which networks are set up and why not, how mail leaves. Operator instructions (variables,
 * commands) live here and in docs/operations.md — never on an organization's pages.
 */
export default async function PlatformStatusPage() {
  const user = await currentUser();
  if (!user) notFound();
  const status = await loadStatus();
  const now = status.checkedAt.getTime();
  const { jobEngine, outbox, networks, mail } = status;
  const unavailable = networks.networks.filter((n) => !n.configured);

  return (
    <div className="relative flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-4 border-b px-4 py-3 sm:px-6">
        <Link href="/" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Logo />
        </Link>
        <UserMenu user={{ name: user.name, email: user.email }} />
      </header>
      <main className="mx-auto grid w-full max-w-4xl flex-1 gap-6 px-4 pt-6 pb-16 sm:pt-10" data-testid="platform-status">
        <div className="space-y-1">
          <h1 className="text-3xl font-semibold tracking-tight">Platform status</h1>
          <p className="text-muted-foreground">
            This installation as its operators see it. Customers never see this page; they see only their own delayed work, in their words.
          </p>
        </div>

        <Card>
          <CardHeader>
            <CardTitle as="h2" className="flex items-center gap-2">
              Background jobs
              <Badge variant={jobEngine.mode === "engine" ? "success" : "secondary"} data-testid="job-engine-mode">
                {jobEngine.mode === "engine" ? "Job engine configured" : "In-process delivery"}
              </Badge>
            </CardTitle>
            <CardDescription>
              {jobEngine.mode === "engine"
                ? "Events go to the job engine; the engine's replay cron and the local scheduler pick up anything that could not be sent."
                : "No job engine is configured: the app delivers events itself (invitation mail, workspace setup) and the built-in scheduler publishes posts."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <dl className="grid gap-3">
              {jobEngine.target ? <Row label="Engine">{jobEngine.target}</Row> : null}
              {jobEngine.mode === "engine" ? (
                <Row label="Keys">
                  Event key {jobEngine.eventKeySet ? "set" : "not set"} · signing key {jobEngine.signingKeySet ? "set" : "not set"}
                  {jobEngine.devMode ? " · dev mode" : ""}
                </Row>
              ) : null}
              <Row label="Waiting events">
                <span className="tabular-nums" data-testid="outbox-pending">
                  {outbox.pending}
                </span>
                {outbox.oldestPendingAt ? ` (oldest queued ${formatRelative(outbox.oldestPendingAt, now)})` : ""}
              </Row>
              <Row label="Delayed (over 2 minutes)">
                <span className="tabular-nums" data-testid="outbox-delayed">
                  {outbox.delayed}
                </span>
              </Row>
              <Row label="Failed (no more retries)">
                <span className={outbox.failed ? "font-semibold text-destructive tabular-nums" : "tabular-nums"} data-testid="outbox-failed">
                  {outbox.failed}
                </span>
              </Row>
              {outbox.lastError ? (
                <Row label="Last delivery error">
                  <Code>{outbox.lastError.message}</Code>{" "}
                  <span className="text-muted-foreground">
                    ({outbox.lastError.name}, {outbox.lastError.attempts} {outbox.lastError.attempts === 1 ? "attempt" : "attempts"})
                  </span>
                </Row>
              ) : null}
            </dl>
            {outbox.byName.length ? (
              <Table>
                <caption className="sr-only">Delayed and failed events by name</caption>
                <TableHeader>
                  <TableRow>
                    <TableHead>Event</TableHead>
                    <TableHead className="text-right">Delayed</TableHead>
                    <TableHead className="text-right">Failed</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {outbox.byName.map((group) => (
                    <TableRow key={group.name}>
                      <TableCell>
                        <Code>{group.name}</Code>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{group.waiting}</TableCell>
                      <TableCell className="text-right tabular-nums">{group.failed}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
            {outbox.delayed || outbox.failed ? (
              <Alert variant="warning">
                <AlertTitle>What to do</AlertTitle>
                <AlertDescription>
                  <ul className="list-disc pl-5">
                    {jobEngine.mode === "engine" ? (
                      <li>
                        Check that the engine at {jobEngine.target ?? "its address"} is reachable and accepts the event key (<Code>INNGEST_EVENT_KEY</Code>, <Code>INNGEST_BASE_URL</Code>, <Code>INNGEST_DEV</Code>).
                      </li>
                    ) : (
                      <li>In-process delivery failed: the last error above says why (often the mail server). Fix it, then replay.</li>
                    )}
                    <li>
                      Run <Code>pnpm jobs:replay</Code> on a server with this configuration to deliver every waiting event now; failed events are retried by it too.
                    </li>
                  </ul>
                </AlertDescription>
              </Alert>
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Social networks</CardTitle>
            <CardDescription>
              {unavailable.length === 0 ? "Every network is set up." : `${unavailable.length} of ${networks.networks.length} not set up. Customers see “not available on this installation”.`}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {networks.error ? (
              <Alert variant="destructive">
                <AlertTitle>The network configuration is invalid</AlertTitle>
                <AlertDescription>
                  <pre className="text-xs whitespace-pre-wrap">{networks.error}</pre>
                </AlertDescription>
              </Alert>
            ) : null}
            {networks.problems.length ? (
              <Alert variant="destructive" data-testid="network-problems">
                <AlertTitle>Configuration problems</AlertTitle>
                <AlertDescription>
                  <ul className="list-disc pl-5">
                    {networks.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </AlertDescription>
              </Alert>
            ) : null}
            {networks.tokenKey ? (
              <dl className="grid gap-3">
                <Row label="Token encryption key">
                  {networks.tokenKey === "env" ? (
                    <>
                      From <Code>TOKEN_ENCRYPTION_KEY</Code>.
                    </>
                  ) : networks.tokenKey === "auth-secret" ? (
                    <>
                      Derived from <Code>AUTH_SECRET</Code>: set <Code>TOKEN_ENCRYPTION_KEY</Code> (32 random bytes) before production.
                    </>
                  ) : (
                    <span className="font-medium text-destructive">
                      The public development key: set <Code>TOKEN_ENCRYPTION_KEY</Code> before connecting real accounts.
                    </span>
                  )}
                </Row>
              </dl>
            ) : null}
            <Table>
              <caption className="sr-only">Networks and their configuration</caption>
              <TableHeader>
                <TableRow>
                  <TableHead>Network</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead>Operator detail</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {networks.networks.map((network) => (
                  <TableRow key={network.network} data-testid="status-network" data-network={network.network}>
                    <TableCell className="font-medium">{network.displayName}</TableCell>
                    <TableCell>{network.configured ? <Badge variant="success">Available</Badge> : <Badge variant="outline">Not set up</Badge>}</TableCell>
                    <TableCell className="text-sm whitespace-normal text-muted-foreground">{network.operatorDetail ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2" className="flex items-center gap-2">
              Mail
              <Badge variant={mail.transport === "smtp" ? "success" : status.production ? "warning" : "secondary"} data-testid="mail-transport">
                {mail.transport === "smtp" ? "SMTP" : "Dev outbox"}
              </Badge>
            </CardTitle>
            <CardDescription>
              {mail.transport === "smtp"
                ? `Sent through ${mail.host ?? "the configured server"}.`
                : "No SMTP server is configured: mail is stored in the database instead of being delivered."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3">
              <Row label="Sender">{mail.from}</Row>
              {mail.transport === "dev-outbox" ? (
                <Row label="Captured mail">
                  {devOutboxEnabled() ? (
                    <Link href="/dev/outbox" className="font-medium text-primary underline-offset-4 hover:underline">
                      Open the dev outbox
                    </Link>
                  ) : (
                    <>
                      Readable at /dev/outbox only with <Code>MG_DEV_OUTBOX=1</Code>.
                    </>
                  )}
                </Row>
              ) : null}
              {mail.transport === "dev-outbox" && status.production ? (
                <Row label="What to do">
                  Set <Code>SMTP_URL</Code> (smtp://user:pass@host:587) and <Code>MAIL_FROM</Code>, then restart; replay what waits with <Code>pnpm jobs:replay</Code>.
                </Row>
              ) : null}
              <Row label="Links in mail">{status.appUrl}</Row>
            </dl>
          </CardContent>
        </Card>
        <p className="text-xs text-muted-foreground">Checked {formatRelative(status.checkedAt, now)}. Reload the page to check again.</p>
      </main>
    </div>
  );
}
