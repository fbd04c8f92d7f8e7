"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LaptopIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@mg/ui/badge";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { Skeleton } from "@mg/ui/skeleton";
import { ConfirmAction } from "~/components/confirm-button";
import { apiError } from "~/lib/errors";
import { formatDate, formatRelative } from "~/lib/format";
import { describeUserAgent } from "~/lib/user-agent";
import { useTRPC } from "~/trpc/client";

/** Every device signed in to the account, with a way to sign any other one out. */
export function SessionsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  const endOne = useMutation(trpc.account.endSession.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(apiError(e).message) }));
  const endOthers = useMutation(trpc.account.signOutEverywhere.mutationOptions({ onSuccess: refresh }));
  const others = (sessions.data ?? []).filter((s) => !s.current);

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Where you’re signed in</CardTitle>
        <CardDescription>Sign out a device you don’t recognise or no longer use. It has to sign in again to get back in.</CardDescription>
      </CardHeader>
      <CardContent>
        {sessions.isPending ? (
          <div className="grid gap-3" role="status" aria-busy="true" aria-label="Loading devices">
            <Skeleton className="h-14" />
            <Skeleton className="h-14" />
          </div>
        ) : sessions.isError ? (
          <p className="text-sm text-destructive">{apiError(sessions.error).message}</p>
        ) : (
          <ul className="divide-y" data-testid="sessions-list">
            {sessions.data.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center gap-3 py-3" data-testid="session-row">
                <LaptopIcon className="size-5 shrink-0 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    {describeUserAgent(session.userAgent)}
                    {session.current ? <Badge variant="secondary">This device</Badge> : null}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {session.ip ?? "Unknown network"} · signed in {formatDate(session.createdAt)} · active {formatRelative(session.lastSeenAt)}
                  </p>
                </div>
                {session.current ? null : (
                  <Button size="sm" variant="outline" loading={endOne.isPending && endOne.variables?.sessionId === session.id} onClick={() => endOne.mutate({ sessionId: session.id })}>
                    Sign out
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <CardFooter className="justify-end border-t">
        <ConfirmAction
          trigger={
            <Button variant="outline" disabled={others.length === 0}>
              Sign out of all other devices
            </Button>
          }
          title="Sign out of all other devices?"
          description="Every device except this one is signed out at once and has to sign in again."
          confirmLabel="Sign out other devices"
          onConfirm={() =>
            endOthers.mutateAsync().then(
              ({ ended }) => toast.success(`${ended} ${ended === 1 ? "device" : "devices"} signed out`),
              (error: unknown) => {
                toast.error(apiError(error).message);
                throw error;
              },
            )
          }
        />
      </CardFooter>
    </Card>
  );
}
