/**
 * Imported first by every publishing test: the Sandbox must be deterministic (no latency, no
 * simulated failures), token encryption needs a key, and the per-account throttle is off unless
 * a test turns it on. The integrations env is parsed once per process, so this runs before it.
 */
import "../helpers/env";
import { randomBytes } from "node:crypto";

process.env.SANDBOX_FAILURE_RATE = "0";
process.env.SANDBOX_LATENCY_MS = "0";
process.env.SANDBOX_ENABLED = "1";
process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
process.env.PUBLISH_ACCOUNT_SPACING_MS = "0";

export {};
