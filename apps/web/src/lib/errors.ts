import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@mg/api";
import type { UpgradeRequired } from "@mg/api";

export type FieldErrors = Partial<Record<string, string>>;

/**
 * tRPC error codes that are the caller's to fix (bad input, no access, a limit): asking again gets
 * the same answer, so queries do not retry them.
 */
export const CALLER_ERROR_CODES: ReadonlySet<string> = new Set([
  "BAD_REQUEST",
  "PARSE_ERROR",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_SUPPORTED",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "TOO_MANY_REQUESTS",
]);

export interface ApiErrorInfo {
  code: string | null;
  message: string;
  fieldErrors: FieldErrors;
  formErrors: string[];
  upgrade: UpgradeRequired | null;
  retryAfterSeconds: number | null;
}

function firstMessages(fieldErrors: Record<string, string[] | undefined> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) if (messages?.[0]) out[key] = messages[0];
  return out;
}

/** Everything a form needs from a failed call: per-field messages, a summary, an upgrade offer. */
export function apiError(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const e = error as TRPCClientError<AppRouter>;
    const data = e.data;
    const zod = data?.zodError ?? null;
    const code = data?.code ?? null;
    // The API's messages are written for people: input problems name their fields ("Email: Enter
    // a valid email address."), and server errors carry only a reference to quote.
    let message = e.message || "Something went wrong on our side. Please try again.";
    if (zod) message = zod.formErrors[0] ?? (e.message || "Please check the highlighted fields.");
    else if (code === "TOO_MANY_REQUESTS") message = data?.retryAfterSeconds ? `${e.message} Try again in ${formatWait(data.retryAfterSeconds)}.` : e.message;
    else if (!code) message = "Could not reach the server. Check your connection and try again.";
    return {
      code,
      message,
      fieldErrors: firstMessages(zod?.fieldErrors as Record<string, string[] | undefined> | undefined),
      formErrors: zod?.formErrors ?? [],
      upgrade: (data?.upgrade as UpgradeRequired | null | undefined) ?? null,
      retryAfterSeconds: data?.retryAfterSeconds ?? null,
    };
  }
  return { code: null, message: error instanceof Error ? error.message : "Something went wrong.", fieldErrors: {}, formErrors: [], upgrade: null, retryAfterSeconds: null };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

/** Client-side validation with the same zod schema the API uses, as per-field messages. */
export function zodFieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !out[key]) out[key] = issue.message;
  }
  return out;
}
