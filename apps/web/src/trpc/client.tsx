"use client";

import { useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink, type TRPCClient } from "@trpc/client";
import { createTRPCContext, createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter } from "@mg/api";
import { ORG_SLUG_HEADER } from "@mg/api/http";
import { isDevelopment } from "~/env";
import { orgSlugFromPath } from "~/lib/org-path";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * The organization travels with each request, taken from the URL of the page that sends it —
 * never from shared storage — so two tabs on two client organizations work side by side.
 * `fixedOrgSlug` pins it for everything rendered under `/[orgSlug]`.
 */
function makeTrpcClient(fixedOrgSlug?: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      loggerLink({ enabled: (op) => isDevelopment && op.direction === "down" && op.result instanceof Error }),
      httpBatchLink({
        url: "/api/trpc",
        transformer: superjson,
        headers() {
          const slug = fixedOrgSlug ?? (typeof window === "undefined" ? null : orgSlugFromPath(window.location.pathname));
          return slug ? { [ORG_SLUG_HEADER]: slug } : {};
        },
      }),
    ],
  });
}

let browserQueryClient: QueryClient | undefined;
function getRootQueryClient(): QueryClient {
  // Server render: always a new client. Browser: one for the app's lifetime (survives suspense).
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** Pages outside an organization (sign-up, onboarding, invitations). */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getRootQueryClient();
  const [trpcClient] = useState(() => makeTrpcClient());
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * Everything under `/[orgSlug]`. The API's query keys do not contain the organization (it is a
 * header), so each organization gets its own QueryClient: data of one client organization can
 * never be served from the cache while looking at another.
 */
export function OrgTRPCProvider<TCurrent>({ orgSlug, initialCurrent, children }: { orgSlug: string; initialCurrent: TCurrent; children: ReactNode }) {
  const [clients] = useState(() => {
    const queryClient = makeQueryClient();
    const trpcClient = makeTrpcClient(orgSlug);
    const proxy = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
    queryClient.setQueryData(proxy.organization.current.queryKey(), initialCurrent as never);
    return { queryClient, trpcClient };
  });
  return (
    <QueryClientProvider client={clients.queryClient}>
      <TRPCProvider trpcClient={clients.trpcClient} queryClient={clients.queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
