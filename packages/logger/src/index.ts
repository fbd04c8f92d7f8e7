import { pino, type DestinationStream, type Logger } from "pino";
import { loggerEnv, type LogLevel } from "./env";
import { prettyDestination } from "./pretty";

export type { Logger, DestinationStream };
export type { LogLevel };

/** What every entry of one request carries, so its lines can be found together. */
export interface RequestBindings {
  requestId: string;
  path?: string;
  type?: string;
  orgSlug?: string | null;
  userId?: string | null;
}

/** Secrets that must not reach a log even when an object holding them is logged whole. */
const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Default: LOG_FORMAT, else pretty in development and JSON elsewhere. */
  format?: "json" | "pretty";
  /** Where lines go (default: standard output). */
  destination?: { write(line: string): unknown };
}

/** A standalone logger, for scripts and tools; the app uses `logger` and `requestLogger`. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const env = loggerEnv();
  const target = options.destination ?? process.stdout;
  const format = options.format ?? env.format;
  const destination: DestinationStream = format === "pretty" ? prettyDestination(target) : { write: (line: string) => void target.write(line) };
  return pino({ level: options.level ?? env.level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination);
}

let redirected: { write(line: string): unknown } | null = null;
let fallback: DestinationStream | null = null;

function standardOutput(): DestinationStream {
  fallback ??= loggerEnv().format === "pretty" ? prettyDestination(process.stdout) : { write: (line: string) => void process.stdout.write(line) };
  return fallback;
}

/** The process's logger. Its lines go to standard output unless `redirectLogs` sends them elsewhere. */
export const logger: Logger = createLogger({ format: "json", destination: { write: (line: string) => (redirected ?? standardOutput()).write(line) } });

/** One child logger per request: every line it writes carries the request's id, path and caller. */
export function requestLogger(bindings: RequestBindings): Logger {
  return logger.child(bindings);
}

/**
 * Sends the process logger's JSON lines (and those of its children) to `destination`, at `level`
 * when given — how tests read what the app logged. Returns the function that undoes it.
 */
export function redirectLogs(destination: { write(line: string): unknown }, options: { level?: LogLevel } = {}): () => void {
  const previousLevel = logger.level;
  redirected = destination;
  if (options.level) logger.level = options.level;
  return () => {
    redirected = null;
    logger.level = previousLevel;
  };
}
