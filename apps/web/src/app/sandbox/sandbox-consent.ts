import { z } from "zod";

/**
 * The Sandbox network's OAuth side, shared by its consent page. Like a real network it only
 * redirects to its registered callback — the app's own `APP_URL` origin and callback path — so
 * the page cannot be used as an open redirect. Browser-safe (the form imports the schema), so the
 * app URL is passed in by the server code rather than read from the environment here.
 */
export const SANDBOX_CALLBACK_PATH = "/api/integrations/sandbox/callback";

/** The one redirect address the Sandbox accepts: what `oauthRedirectUri("SANDBOX")` sends. */
export function registeredSandboxCallback(appUrl: string): URL {
  return new URL(`${appUrl.replace(/\/+$/, "")}${SANDBOX_CALLBACK_PATH}`);
}

export const sandboxProfileSchema = z.object({
  name: z.string().trim().min(1, "Enter a profile name.").max(100, "Keep the name under 100 characters."),
  handle: z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, ""))
    .pipe(z.string().regex(/^[A-Za-z0-9_.]{1,30}$/, "Use up to 30 letters, digits, dots or underscores.")),
});
export type SandboxProfile = z.output<typeof sandboxProfileSchema>;

export interface AuthorizationParams {
  state: string;
  redirectUri: string;
  codeChallenge: string;
}

/**
 * The request's parameters, or why it cannot be honoured (shown instead of redirecting).
 * `appUrl` is the app's public URL (`APP_URL`): the redirect address must be its callback exactly
 * (same scheme, host and port; no credentials, query or fragment of its own).
 */
export function parseAuthorizationParams(params: Record<string, string | string[] | undefined>, appUrl: string): { ok: true; value: AuthorizationParams } | { ok: false; reason: string } {
  const one = (key: string) => (typeof params[key] === "string" ? params[key] : "");
  const state = one("state");
  const redirectUri = one("redirect_uri");
  const codeChallenge = one("code_challenge");
  if (!state) return { ok: false, reason: "The request has no state parameter." };
  if (!codeChallenge) return { ok: false, reason: "The request has no PKCE code challenge." };
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return { ok: false, reason: "The redirect address is missing or not a URL." };
  }
  const registered = registeredSandboxCallback(appUrl);
  if (url.origin !== registered.origin || url.pathname !== registered.pathname || url.username || url.password || url.search || url.hash) {
    return { ok: false, reason: "The redirect address is not registered for this app." };
  }
  return { ok: true, value: { state, redirectUri, codeChallenge } };
}

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The authorization code the Sandbox adapter exchanges: `sbx.<base64url(JSON)>` with the profile
 * and the PKCE challenge it was issued for, so the exchange can check the verifier.
 */
export function sandboxCode(profile: SandboxProfile, codeChallenge: string): string {
  return `sbx.${base64Url(JSON.stringify({ name: profile.name, handle: profile.handle, codeChallenge }))}`;
}

export function callbackUrl(params: AuthorizationParams, answer: { code: string } | { error: "access_denied" }): string {
  const url = new URL(params.redirectUri);
  if ("code" in answer) url.searchParams.set("code", answer.code);
  else {
    url.searchParams.set("error", answer.error);
    url.searchParams.set("error_description", "The user denied access.");
  }
  url.searchParams.set("state", params.state);
  return url.toString();
}
