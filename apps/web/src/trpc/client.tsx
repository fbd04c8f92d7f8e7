"use client";

import { useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, loggerLink, splitLink, type TRPCClient } from "@trpc/client";
import { createTRPCContext, createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter } from "@mg/api";
import { ORG_SLUG_HEADER } from "@mg/api/http";
import { isDevelopment } from "~/env";
import { orgSlugFromPath } from "~/lib/org-path";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Upload progress for one FormData input (e.g. `media.upload`): register a listener for the exact
 * FormData object before passing it to the mutation. `fetch` cannot report upload progress, so
 * such requests go through XMLHttpRequest; everything else uses `fetch` as usual.
 */
const uploadListeners = new WeakMap<FormData, (fraction: number) => void>();

export function onUploadProgress(form: FormData, listener: (fraction: number) => void): FormData {
  uploadListeners.set(form, listener);
  return form;
}

function fetchWithUploadProgress(url: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const body = init?.body;
  const listener = body instanceof FormData ? uploadListeners.get(body) : undefined;
  if (!listener || !(body instanceof FormData)) return fetch(url, init);
  return new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init?.method ?? "POST", typeof url === "string" ? url : url instanceof URL ? url.href : url.url);
    for (const [key, value] of new Headers(init?.headers ?? {})) xhr.setRequestHeader(key, value);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) listener(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      listener(1);
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(":");
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      resolve(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
    });
    xhr.addEventListener("error", () => reject(new TypeError("Network request failed")));
    xhr.addEventListener("abort", () => reject(new DOMException("The upload was cancelled.", "AbortError")));
    init?.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/**
 * The organization travels with each request, taken from the URL of the page that sends it —
 * never from shared storage — so two tabs on two client organizations work side by side.
 * `fixedOrgSlug` pins it for everything rendered under `/[orgSlug]`.
 *
 * FormData and binary inputs (uploads) cannot be batched or superjson-encoded: they go alone
 * through `httpLink`, which sends them as they are and still decodes the superjson answer.
 */
function makeTrpcClient(fixedOrgSlug?: string): TRPCClient<AppRouter> {
  const headers = () => {
    const slug = fixedOrgSlug ?? (typeof window === "undefined" ? null : orgSlugFromPath(window.location.pathname));
    return slug ? { [ORG_SLUG_HEADER]: slug } : {};
  };
  return createTRPCClient<AppRouter>({
    links: [
      loggerLink({ enabled: (op) => isDevelopment && op.direction === "down" && op.result instanceof Error }),
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url: "/api/trpc", transformer: superjson, headers, fetch: fetchWithUploadProgress }),
        false: httpBatchLink({ url: "/api/trpc", transformer: superjson, headers }),
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
