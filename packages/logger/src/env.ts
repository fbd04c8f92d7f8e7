import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The logger's configuration. Validated once, on first use. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }).optional(),
  /** `json`: one JSON object per line (production, log collectors). `pretty`: one readable line per entry. */
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "LOG_FORMAT must be json or pretty" }).optional(),
});

export interface LoggerEnv {
  level: LogLevel;
  format: "json" | "pretty";
}

let cached: LoggerEnv | undefined;

export function loggerEnv(): LoggerEnv {
  if (cached) return cached;
  // `FOO=` in a .env file means "not set".
  const parsed = schema.safeParse({
    NODE_ENV: process.env.NODE_ENV || undefined,
    LOG_LEVEL: process.env.LOG_LEVEL || undefined,
    LOG_FORMAT: process.env.LOG_FORMAT || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid logger configuration:\n${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const { NODE_ENV, LOG_LEVEL, LOG_FORMAT } = parsed.data;
  // Tests assert on behaviour, not on log noise; a test that wants the output redirects it.
  const level = LOG_LEVEL ?? (NODE_ENV === "test" ? "silent" : "info");
  cached = { level, format: LOG_FORMAT ?? (NODE_ENV === "development" ? "pretty" : "json") };
  return cached;
}

/** Forget the parsed configuration (tests that change LOG_* variables). */
export function resetLoggerEnv(): void {
  cached = undefined;
}
