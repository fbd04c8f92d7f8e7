import { z } from "zod";

/**
 * Zod compiles object schemas with `new Function` when it may, and finds out by trying once. Under
 * the app's CSP (no 'unsafe-eval' in production, docs/security-headers.md) that probe is blocked
 * and reported as a violation on every page, so the browser parses without the compiler. Imported
 * first by the root providers, before any module that parses at load (~/env via ~/trpc/client).
 * The server keeps the compiler: it has no CSP and parses every API input.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
