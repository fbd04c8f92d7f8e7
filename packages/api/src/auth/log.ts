import { logger, type Logger } from "@mg/logger";

let auth: Logger | undefined;

/** Security events of sign-in and sessions, structured (never passwords or tokens). */
export function authLog(): Logger {
  auth ??= logger.child({ module: "auth" });
  return auth;
}
