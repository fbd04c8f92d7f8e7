import { TRPCError } from "@trpc/server";
import { Prisma, TenantScopeError } from "@mg/db";
import { RateLimitedError } from "../rate-limit";
import { UpgradeRequiredError } from "../quotas";
import type { RowError } from "../post-import/rows";

/** Structured detail a form can act on, carried to the client in `error.data.details`. */
export interface ErrorDetails {
  /** The chosen wall-clock time does not exist (DST gap) or exists twice (DST overlap). */
  schedule?: ScheduleProblem;
  /** Per-row problems of a bulk import (1-based data rows, header excluded). */
  rowErrors?: RowError[];
  /** Per-target content problems (network limits). */
  targetIssues?: { socialAccountId: string; field: string; message: string }[];
}

export type ScheduleProblem =
  | { kind: "gap"; message: string; suggestion: { localTime: string; scheduledAt: string } }
  | { kind: "ambiguous"; message: string; options: { disambiguation: "earlier" | "later"; scheduledAt: string; offset: string; zoneName: string }[] }
  | { kind: "past"; message: string };

/** A BAD_REQUEST whose details the UI renders (suggestion buttons, per-row tables). */
export class DetailedBadRequest extends Error {
  override name = "DetailedBadRequest";
  constructor(
    message: string,
    readonly details: ErrorDetails,
  ) {
    super(message);
  }
}

export function badRequestWith(message: string, details: ErrorDetails): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause: new DetailedBadRequest(message, details) });
}

/**
 * Turns data-layer errors into the API's promises: outsiders and missing rows are NOT_FOUND
 * (never a hint that a row exists elsewhere), unique violations are CONFLICT.
 */
export function toApiError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof TenantScopeError) return new TRPCError({ code: "NOT_FOUND", message: "Not found", cause });
  if (cause instanceof RateLimitedError) return new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
  if (cause instanceof UpgradeRequiredError) return new TRPCError({ code: "FORBIDDEN", message: cause.message, cause });
  if (cause instanceof Prisma.PrismaClientKnownRequestError) {
    if (cause.code === "P2002") {
      const target = (cause.meta?.target as string[] | string | undefined) ?? (cause.meta?.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } } | undefined)?.cause?.constraint?.fields;
      const fields = Array.isArray(target) ? target.join(", ") : target;
      return new TRPCError({ code: "CONFLICT", message: fields ? `That ${fields} is already taken.` : "That already exists.", cause });
    }
    if (cause.code === "P2025" || cause.code === "P2001") return new TRPCError({ code: "NOT_FOUND", message: "Not found", cause });
    if (cause.code === "P2003") return new TRPCError({ code: "NOT_FOUND", message: "A referenced record was not found", cause });
  }
  return error;
}
