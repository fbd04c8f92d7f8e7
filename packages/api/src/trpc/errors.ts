import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
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
 * (never a hint that a row exists elsewhere), unique violations are CONFLICT, values the database
 * cannot hold are BAD_REQUEST, and input that fails its schema says which field and why.
 */
export function toApiError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof ZodError && error.code === "BAD_REQUEST") return new TRPCError({ code: "BAD_REQUEST", message: readableZodMessage(cause), cause });
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
    const refused = valueTheDatabaseRefused(cause);
    if (refused) return new TRPCError({ code: "BAD_REQUEST", message: refused, cause });
  }
  return error;
}

export const VALUE_TOO_LONG_MESSAGE = "A value is too long to be saved. Shorten it and try again.";
export const UNSTORABLE_TEXT_MESSAGE = "The text contains a character that cannot be saved (such as a NUL character). Remove it and try again.";

/**
 * PostgreSQL refusals a caller can provoke with the values they send (the input schemas should
 * catch these first; this keeps a gap in a schema a clean 400 instead of a 500). Prisma reports
 * some by its own code and the rest as P2039/P2010 carrying the driver's SQLSTATE.
 */
function valueTheDatabaseRefused(error: Prisma.PrismaClientKnownRequestError): string | null {
  if (error.code === "P2000") return VALUE_TOO_LONG_MESSAGE;
  if (error.code === "P2033") return "A number is too large to be saved.";
  const sqlState = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
  switch (sqlState) {
    case "22001": // string_data_right_truncation: longer than a char(n)/varchar(n) column
    case "54000": // program_limit_exceeded: "index row requires N bytes" for an indexed text column
      return VALUE_TOO_LONG_MESSAGE;
    case "22021": // character_not_in_repertoire: U+0000 in text
    case "22P05": // untranslatable_character
      return UNSTORABLE_TEXT_MESSAGE;
    case "22003": // numeric_value_out_of_range
      return "A number is out of range.";
    default:
      return null;
  }
}

/** "targets.0.variantContent" → "Targets #1 variant content": how a person names the field. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const words = path.map((segment) =>
    typeof segment === "number"
      ? `#${segment + 1}`
      : String(segment)
          .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
          .replace(/[_-]+/g, " ")
          .toLowerCase(),
  );
  const label = words.join(" ").trim();
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalized = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

const MAX_LISTED_ISSUES = 3;

/** A schema failure as a person reads it: "Email: Enter a valid email address." (at most three fields). */
export function readableZodMessage(error: ZodError): string {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const label = fieldLabel(issue.path);
    const line = label ? `${label}: ${sentence(issue.message)}` : sentence(issue.message);
    if (!lines.includes(line)) lines.push(line);
  }
  if (lines.length === 0) return "Please check what you entered.";
  const shown = lines.slice(0, MAX_LISTED_ISSUES).join(" ");
  const more = lines.length - MAX_LISTED_ISSUES;
  return more > 0 ? `${shown} (and ${more} more ${more === 1 ? "problem" : "problems"})` : shown;
}

/** What a caller sees instead of an error we did not mean to show them. */
export function serverErrorMessage(requestId: string): string {
  return `Something went wrong on our side (reference ${requestId}). Please try again; if it keeps happening, quote the reference to support.`;
}

const GENERIC_CLIENT_MESSAGES: Partial<Record<TRPCError["code"], string>> = {
  PARSE_ERROR: "The request could not be read.",
  BAD_REQUEST: "The request could not be processed. Check what you entered and try again.",
  NOT_FOUND: "Not found.",
  CONFLICT: "That conflicts with a change made at the same time. Reload and try again.",
};

export function isServerError(error: TRPCError): boolean {
  return getHTTPStatusCodeFromError(error) >= 500;
}

/** Errors that are ours, not a domain answer: data-layer, driver and engine errors. */
function isInternalError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (
    error instanceof Prisma.PrismaClientKnownRequestError ||
    error instanceof Prisma.PrismaClientUnknownRequestError ||
    error instanceof Prisma.PrismaClientValidationError ||
    error instanceof Prisma.PrismaClientInitializationError ||
    error instanceof Prisma.PrismaClientRustPanicError
  ) {
    return true;
  }
  if (error instanceof SyntaxError || error instanceof RangeError || error instanceof TypeError || error instanceof ReferenceError) return true;
  // The pg driver's DatabaseError and Prisma's DriverAdapterError, without importing either.
  return error.name === "DriverAdapterError" || error.name === "DatabaseError" || ("severity" in error && "routine" in error);
}

/** Whether a 4xx message was copied from an internal error somewhere in its cause chain. */
function echoesInternalError(error: TRPCError): boolean {
  const seen = new Set<unknown>();
  for (let cause: unknown = error.cause; cause instanceof Error && !seen.has(cause); cause = cause.cause) {
    seen.add(cause);
    if (isInternalError(cause) && cause.message && error.message.includes(cause.message)) return true;
  }
  return false;
}

/**
 * The only message a response may carry for `error`. Server errors never show theirs (tRPC wraps
 * any thrown value as INTERNAL_SERVER_ERROR with the original message — ORM and SQL text); a
 * client error shows its own message unless that was copied from an internal error.
 */
export function publicMessage(error: TRPCError, requestId: string): string {
  if (isServerError(error)) return serverErrorMessage(requestId);
  if (error.cause instanceof ZodError && error.code === "BAD_REQUEST") return readableZodMessage(error.cause);
  if (echoesInternalError(error)) {
    if (error.cause instanceof SyntaxError) return "The request body is not valid JSON.";
    return GENERIC_CLIENT_MESSAGES[error.code] ?? "The request could not be processed.";
  }
  return error.message;
}

const requestIds = new WeakMap<TRPCError, string>();
const logged = new WeakSet<TRPCError>();

/** Remembers which request an error belongs to, for responses built without a context. */
export function tagRequestId(error: TRPCError, requestId: string): void {
  requestIds.set(error, requestId);
}

export function requestIdOf(error: TRPCError): string | undefined {
  return requestIds.get(error);
}

/** The procedure chain logs its own failures; the HTTP handler logs only what never reached it. */
export function markLogged(error: TRPCError): void {
  logged.add(error);
}

export function wasLogged(error: TRPCError): boolean {
  return logged.has(error);
}
