import { QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { CALLER_ERROR_CODES } from "~/lib/errors";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry(failureCount, error) {
          if (error instanceof TRPCClientError && CALLER_ERROR_CODES.has(String(error.data?.code))) return false;
          return failureCount < 2;
        },
      },
    },
  });
}
