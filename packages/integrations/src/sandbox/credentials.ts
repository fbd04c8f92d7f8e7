import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * The Sandbox's OAuth artefacts. Codes come from the consent page (`sbx.<base64url JSON>`);
 * tokens are self-describing so that the Sandbox, like a real network, can refuse an expired or
 * foreign token without a token table of its own.
 */
const HANDLE = /^[A-Za-z0-9_.]{1,30}$/;

const codeSchema = z.object({
  name: z.string().trim().min(1).max(100),
  handle: z
    .string()
    .trim()
    .transform((h) => h.replace(/^@/, ""))
    .refine((h) => HANDLE.test(h), "handle must be 1–30 letters, digits, dots or underscores"),
  /** Optional: when the consent page binds the code to the PKCE challenge, the exchange checks it. */
  codeChallenge: z.string().optional(),
});

export type SandboxCode = z.infer<typeof codeSchema>;

export function encodeSandboxCode(profile: { name: string; handle: string; codeChallenge?: string }): string {
  return `sbx.${Buffer.from(JSON.stringify(profile)).toString("base64url")}`;
}

/** The parsed code, or a reason it is not one. */
export function decodeSandboxCode(code: string): { ok: true; value: SandboxCode } | { ok: false; reason: string } {
  const match = /^sbx\.([A-Za-z0-9_-]+)$/.exec(code);
  if (!match?.[1]) return { ok: false, reason: "the code is not a Sandbox authorization code (sbx.<payload>)" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "the code's payload is not JSON" };
  }
  const parsed = codeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join(".") || "code"}: ${i.message}`).join("; ") };
  return { ok: true, value: parsed.data };
}

/** Stable per handle (case-insensitive), so reconnecting the same handle finds the same account. */
export function sandboxExternalId(handle: string): string {
  const normalized = handle.replace(/^@/, "").toLowerCase();
  return `sbxu_${createHash("sha256").update(normalized).digest("hex").slice(0, 20)}`;
}

const tokenClaims = z.object({
  sub: z.string(),
  name: z.string(),
  handle: z.string(),
  exp: z.number(),
  n: z.string(),
});

export type SandboxTokenClaims = z.infer<typeof tokenClaims>;

export function issueSandboxToken(kind: "at" | "rt", claims: Omit<SandboxTokenClaims, "n">): string {
  const payload: SandboxTokenClaims = { ...claims, n: randomBytes(9).toString("base64url") };
  return `sbx${kind}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
}

export function readSandboxToken(kind: "at" | "rt", token: string): SandboxTokenClaims | null {
  const prefix = `sbx${kind}.`;
  if (!token.startsWith(prefix)) return null;
  try {
    const parsed = tokenClaims.safeParse(JSON.parse(Buffer.from(token.slice(prefix.length), "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
