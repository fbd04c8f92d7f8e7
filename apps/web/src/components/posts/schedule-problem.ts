import { TRPCClientError } from "@trpc/client";
import type { AppRouter, ScheduleProblem } from "@mg/api";
import type { RowError } from "@mg/api/post-import";

export type { RowError, ScheduleProblem };

function details(error: unknown) {
  if (!(error instanceof TRPCClientError)) return null;
  return (error as TRPCClientError<AppRouter>).data?.details ?? null;
}

/** The DST (or past-time) problem of a refused schedule, if that is why it was refused. */
export function scheduleProblemOf(error: unknown): ScheduleProblem | null {
  return details(error)?.schedule ?? null;
}

/** Per-row problems of a refused bulk import. */
export function rowErrorsOf(error: unknown): RowError[] | null {
  return details(error)?.rowErrors ?? null;
}

/** Per-target content problems (network limits) of a refused save. */
export function targetIssuesOf(error: unknown): { socialAccountId: string; field: string; message: string }[] | null {
  return details(error)?.targetIssues ?? null;
}
