"use client";

import { Suspense, useEffect, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { CalendarClockIcon, CircleAlertIcon, ClockIcon, PlugIcon, RefreshCwIcon, Share2Icon, UnplugIcon } from "lucide-react";
import { toast } from "sonner";
import type { AppRouter } from "@mg/api";
import { Alert, AlertActions, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Avatar, AvatarFallback, AvatarImage } from "@mg/ui/avatar";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { PageHeader } from "@mg/ui/page-header";
import { Skeleton } from "@mg/ui/skeleton";
import { ConfirmAction } from "~/components/confirm-button";
import { NetworkIcon, networkLabel } from "~/components/network-icon";
import { UpgradePrompt } from "~/components/upgrade-prompt";
import { apiError, type ApiErrorInfo } from "~/lib/errors";
import { daysUntil, formatDate, initials } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";
import { useQuota } from "./quota";
import { QueueSlotsDialog } from "./queue-slots-dialog";

type Outputs = inferRouterOutputs<AppRouter>;
type Account = Outputs["socialAccounts"]["list"][number];
type NetworkInfo = Outputs["socialAccounts"]["networks"][number];

const NETWORK_BLURB: Record<string, string> = {
  SANDBOX: "A built-in practice network. Connect it to try composing, scheduling and publishing end to end — posts stay inside Marketing Genius and never reach a real audience.",
  FACEBOOK: "Publish to Facebook Pages you manage, with first comments.",
  INSTAGRAM: "Publish photos, videos and carousels to Instagram business accounts linked to a Facebook Page.",
  LINKEDIN: "Publish to your LinkedIn profile or company pages.",
  X: "Post to an X (Twitter) account.",
  TIKTOK: "Publish videos to a TikTok account.",
};

/** How an account stands, in words: connected, needs reconnecting now, or soon. */
function accountHealth(account: Account): { label: string; variant: "success" | "warning" | "destructive" | "outline"; needsAction: boolean } {
  if (account.status === "DISCONNECTED") return { label: "Disconnected", variant: "outline", needsAction: false };
  if (account.status === "NEEDS_RECONNECT") return { label: "Needs reconnect", variant: "destructive", needsAction: true };
  if (account.reconnectSoon) {
    const days = account.tokenExpiresAt ? daysUntil(account.tokenExpiresAt) : null;
    const label = days === null ? "Reconnect soon" : days <= 0 ? "Access expired" : `Expires in ${days} ${days === 1 ? "day" : "days"}`;
    return { label, variant: days !== null && days <= 0 ? "destructive" : "warning", needsAction: true };
  }
  return { label: "Connected", variant: "success", needsAction: false };
}

function useStartConnect() {
  const trpc = useTRPC();
  const start = useMutation(trpc.socialAccounts.startConnect.mutationOptions());
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const [pendingKey, setPendingKey] = useState<string | null>(null);

  async function connect(network: string, reconnectAccountId?: string) {
    setFailure(null);
    setPendingKey(reconnectAccountId ?? network);
    try {
      const { authorizationUrl } = await start.mutateAsync({ network: network as NetworkInfo["network"], reconnectAccountId });
      // Off to the network's consent screen; it sends the browser back to our callback.
      window.location.assign(authorizationUrl);
    } catch (error) {
      const info = apiError(error);
      setFailure(info);
      if (!info.upgrade) toast.error(info.message);
      setPendingKey(null);
    }
  }
  return { connect, failure, pendingKey, clearFailure: () => setFailure(null) };
}

/** The OAuth callback's redirect (`?connected=2` / `?connectError=…`), shown once and then removed from the URL. */
function ConnectResult() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const connected = params.get("connected");
  const connectError = params.get("connectError");
  const count = connected !== null ? Number(connected) : null;

  useEffect(() => {
    if (count !== null && Number.isFinite(count)) {
      toast.success(count === 1 ? "Account connected" : count > 1 ? `${count} accounts connected` : "Nothing new to connect", { id: "connect-result" });
    } else if (connectError) {
      toast.error("The account could not be connected", { id: "connect-result", description: connectError });
    }
  }, [count, connectError]);

  if (count === null && !connectError) return null;
  const dismiss = () => router.replace(pathname, { scroll: false });
  if (connectError) {
    return (
      <Alert variant="destructive" data-testid="connect-error">
        <AlertTitle>The account could not be connected</AlertTitle>
        <AlertDescription>
          <p>{connectError}</p>
        </AlertDescription>
        <AlertActions>
          <Button size="sm" variant="outline" onClick={dismiss}>
            Dismiss
          </Button>
        </AlertActions>
      </Alert>
    );
  }
  return (
    <Alert variant="success" data-testid="connect-success">
      <AlertTitle>{count === 0 ? "No new accounts" : count === 1 ? "Account connected" : `${count} accounts connected`}</AlertTitle>
      <AlertDescription>
        <p>{count === 0 ? "The network returned no profiles or pages you have not connected already." : "You can schedule posts to it now. Set its posting times to use the queue."}</p>
      </AlertDescription>
      <AlertActions>
        <Button size="sm" variant="outline" onClick={dismiss}>
          Dismiss
        </Button>
      </AlertActions>
    </Alert>
  );
}

function AccountRow({ account, onReconnect, reconnecting, onSlots }: { account: Account; onReconnect: () => void; reconnecting: boolean; onSlots: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useOrg();
  const manage = can("accounts.manage");
  const disconnect = useMutation(trpc.socialAccounts.disconnect.mutationOptions());
  const health = accountHealth(account);
  const disconnected = account.status === "DISCONNECTED";

  async function onDisconnect() {
    try {
      const result = await disconnect.mutateAsync({ accountId: account.id });
      toast.success(`${account.name} disconnected`, {
        description: result.cancelledTargets ? `${result.cancelledTargets} scheduled ${result.cancelledTargets === 1 ? "post was" : "posts were"} cancelled for this account.` : undefined,
      });
      await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.socialAccounts.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() })]);
    } catch (error) {
      toast.error(apiError(error).message);
      throw error;
    }
  }

  return (
    <li id={`account-${account.id}`} className="scroll-mt-20 rounded-xl border bg-card p-4 shadow-sm target:ring-2 target:ring-primary sm:p-5" data-testid="account-row" data-network={account.network} data-status={account.status}>
      <div className="flex flex-wrap items-start gap-4">
        <div className="relative">
          <Avatar className="size-11">
            {account.avatarUrl ? <AvatarImage src={account.avatarUrl} alt="" /> : null}
            <AvatarFallback>{initials(account.name)}</AvatarFallback>
          </Avatar>
          <NetworkIcon network={account.network} size="sm" className="absolute -right-1 -bottom-1 ring-2 ring-card" />
        </div>
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <p className="truncate font-semibold">{account.name}</p>
            <Badge variant={health.variant} data-testid="account-health">
              {health.label}
            </Badge>
          </div>
          <p className="truncate text-sm text-muted-foreground">
            {networkLabel(account.network)}
            {account.handle ? ` · ${account.handle.startsWith("@") ? account.handle : `@${account.handle}`}` : ""}
          </p>
          <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1 text-xs text-muted-foreground">
            <span className="inline-flex items-center gap-1">
              <CalendarClockIcon className="size-3.5" aria-hidden />
              {account.scheduledCount} scheduled {account.scheduledCount === 1 ? "post" : "posts"}
            </span>
            <span title={account.connectedAt.toISOString()}>Connected {formatDate(account.connectedAt)}</span>
            {account.tokenExpiresAt && !disconnected ? <span>{daysUntil(account.tokenExpiresAt) <= 0 ? "Access expired" : "Access valid until"} {formatDate(account.tokenExpiresAt)}</span> : null}
          </div>
          {account.lastError && !disconnected ? (
            <p className="mt-2 flex items-start gap-2 rounded-md bg-destructive/5 px-3 py-2 text-sm text-destructive" data-testid="account-last-error">
              <CircleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>
                <span className="font-medium">Last error from {networkLabel(account.network)}:</span> {account.lastError}
              </span>
            </p>
          ) : null}
        </div>
        <div className="flex w-full items-center gap-2 sm:w-auto">
          {manage && (health.needsAction || disconnected) ? (
            <Button size="sm" variant={health.variant === "destructive" ? "default" : "outline"} onClick={onReconnect} loading={reconnecting} data-testid="reconnect-account">
              <RefreshCwIcon aria-hidden /> Reconnect
            </Button>
          ) : null}
          {!disconnected ? (
            <Button size="sm" variant="outline" onClick={onSlots}>
              <ClockIcon aria-hidden /> Posting times
            </Button>
          ) : null}
          {manage && !disconnected ? (
            <ConfirmAction
              trigger={
                <Button size="sm" variant="ghost" className="text-muted-foreground hover:text-destructive" aria-label={`Disconnect ${account.name}`} data-testid="disconnect-account">
                  <UnplugIcon aria-hidden /> <span className="sm:sr-only">Disconnect</span>
                </Button>
              }
              title={`Disconnect ${account.name}?`}
              description={
                account.scheduledCount > 0
                  ? `Its ${account.scheduledCount} scheduled ${account.scheduledCount === 1 ? "post" : "posts"} for this account will be cancelled (posts going to other accounts still go out), and its access tokens are deleted. Published posts stay on ${networkLabel(account.network)}. You can reconnect it later.`
                  : `Its access tokens are deleted and nothing more can be published to it. Published posts stay on ${networkLabel(account.network)}. You can reconnect it later.`
              }
              confirmLabel="Disconnect account"
              onConfirm={onDisconnect}
            />
          ) : null}
        </div>
      </div>
    </li>
  );
}

function NetworkCard({ info, onConnect, connecting, blockedByQuota }: { info: NetworkInfo; onConnect: () => void; connecting: boolean; blockedByQuota: boolean }) {
  const { can } = useOrg();
  const manage = can("accounts.manage");
  const isSandbox = info.network === "SANDBOX";
  return (
    <li data-testid="network-card" data-network={info.network} data-configured={info.configured || undefined}>
      <Card className={info.configured ? "h-full gap-4" : "h-full gap-4 border-dashed bg-muted/30 shadow-none"}>
        <CardHeader className="grid-cols-[auto_1fr] items-center gap-x-3">
          <NetworkIcon network={info.network} size="lg" className={info.configured ? undefined : "opacity-60 grayscale"} />
          <div className="grid gap-1">
            <CardTitle as="h3" className="flex items-center gap-2">
              {info.displayName}
              {isSandbox ? <Badge variant="secondary">Practice</Badge> : null}
              {!info.configured ? <Badge variant="outline">Not available</Badge> : null}
            </CardTitle>
            <CardDescription className="text-xs">
              Up to {info.rules.maxTextLength.toLocaleString("en")} characters · {info.rules.maxMedia} {info.rules.maxMedia === 1 ? "file" : "files"}
              {info.rules.requiresMedia ? " · media required" : ""}
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm text-muted-foreground">
          <p>{NETWORK_BLURB[info.network] ?? ""}</p>
          {/* The API's customer wording ("not available on this installation"); what an operator must set is on the platform status page. */}
          {!info.configured && info.reason ? (
            <p className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-xs text-foreground" data-testid="network-unavailable-reason">
              {info.reason}
            </p>
          ) : null}
        </CardContent>
        <CardFooter className="mt-auto">
          {info.configured ? (
            manage ? (
              <Button size="sm" variant={isSandbox ? "default" : "outline"} onClick={onConnect} loading={connecting} disabled={blockedByQuota} data-testid={`connect-${info.network.toLowerCase()}`}>
                <PlugIcon aria-hidden /> Connect {info.displayName}
              </Button>
            ) : (
              <p className="text-xs text-muted-foreground">Ask an owner, admin or content manager to connect accounts.</p>
            )
          ) : (
            <p className="text-xs text-muted-foreground">Whoever runs this installation can turn it on.</p>
          )}
        </CardFooter>
      </Card>
    </li>
  );
}

export function AccountsView() {
  const trpc = useTRPC();
  const { org } = useOrg();
  const accounts = useQuery(trpc.socialAccounts.list.queryOptions());
  const networks = useQuery(trpc.socialAccounts.networks.queryOptions());
  const quota = useQuota("socialAccounts");
  const { connect, failure, pendingKey, clearFailure } = useStartConnect();
  const [slotsFor, setSlotsFor] = useState<Account | null>(null);

  const active = (accounts.data ?? []).filter((a) => a.status !== "DISCONNECTED");
  const disconnected = (accounts.data ?? []).filter((a) => a.status === "DISCONNECTED");
  const attention = active.filter((a) => accountHealth(a).needsAction).length;

  return (
    <div className="grid gap-8">
      <PageHeader
        title="Social accounts"
        description={`The profiles and pages ${org.name} publishes to.${quota.limit !== null ? ` ${quota.used} of ${quota.limit} accounts on your plan.` : ""}`}
      />

      <Suspense fallback={null}>
        <ConnectResult />
      </Suspense>

      {failure?.upgrade ? (
        <div className="grid gap-2">
          <UpgradePrompt upgrade={failure.upgrade} message={failure.message} />
          <Button size="sm" variant="ghost" className="justify-self-end" onClick={clearFailure}>
            Dismiss
          </Button>
        </div>
      ) : null}

      {attention > 0 ? (
        <Alert variant="warning" data-testid="reconnect-notice">
          <AlertTitle>
            {attention} {attention === 1 ? "account needs" : "accounts need"} reconnecting
          </AlertTitle>
          <AlertDescription>
            <p>Posts to an account whose access has expired cannot be published. Reconnecting keeps its scheduled posts and posting times.</p>
          </AlertDescription>
        </Alert>
      ) : null}

      <section aria-labelledby="connected-accounts" className="grid gap-4">
        <h2 id="connected-accounts" className="text-lg font-semibold tracking-tight">
          Connected accounts
        </h2>
        {accounts.isPending ? (
          <div className="grid gap-3" role="status" aria-busy aria-label="Loading accounts">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-24 rounded-xl" />
            ))}
          </div>
        ) : accounts.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{apiError(accounts.error).message}</AlertDescription>
          </Alert>
        ) : active.length === 0 ? (
          <EmptyState
            icon={<Share2Icon />}
            titleAs="h3"
            title="No accounts connected yet"
            description="Connect a network below to start scheduling. No credentials handy? The Sandbox network lets you try the whole flow right away."
          />
        ) : (
          <ul className="grid gap-3" data-testid="accounts-list">
            {active.map((account) => (
              <AccountRow key={account.id} account={account} reconnecting={pendingKey === account.id} onReconnect={() => void connect(account.network, account.id)} onSlots={() => setSlotsFor(account)} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-account" className="grid gap-4">
        <div className="grid gap-1">
          <h2 id="add-account" className="text-lg font-semibold tracking-tight">
            Add an account
          </h2>
          <p className="text-sm text-muted-foreground">You’ll be sent to the network to approve access, then brought back here.</p>
        </div>
        {quota.upgrade ? <UpgradePrompt upgrade={quota.upgrade} message={`All ${quota.limit} social account seats of your plan are in use. Disconnect one, or upgrade to add more.`} /> : null}
        {networks.isPending ? (
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" role="status" aria-busy aria-label="Loading networks">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-52 rounded-xl" />
            ))}
          </div>
        ) : networks.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{apiError(networks.error).message}</AlertDescription>
          </Alert>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="network-cards">
            {networks.data.map((info) => (
              <NetworkCard key={info.network} info={info} connecting={pendingKey === info.network} blockedByQuota={quota.full} onConnect={() => void connect(info.network)} />
            ))}
          </ul>
        )}
      </section>

      {disconnected.length > 0 ? (
        <section aria-labelledby="disconnected-accounts" className="grid gap-4">
          <div className="grid gap-1">
            <h2 id="disconnected-accounts" className="text-lg font-semibold tracking-tight">
              Disconnected
            </h2>
            <p className="text-sm text-muted-foreground">Kept for their published posts and analytics. Reconnect one to publish to it again.</p>
          </div>
          <ul className="grid gap-3">
            {disconnected.map((account) => (
              <AccountRow key={account.id} account={account} reconnecting={pendingKey === account.id} onReconnect={() => void connect(account.network, account.id)} onSlots={() => setSlotsFor(account)} />
            ))}
          </ul>
        </section>
      ) : null}

      {slotsFor ? <QueueSlotsDialog account={slotsFor} open onOpenChange={(open) => !open && setSlotsFor(null)} /> : null}
    </div>
  );
}
