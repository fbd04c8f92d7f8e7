import { NextResponse, type NextRequest } from "next/server";
import { integrationsEnv } from "@mg/integrations/env";
import { callbackUrl, parseAuthorizationParams, sandboxCode, sandboxProfileSchema } from "../../sandbox-consent";

/**
 * The consent form's answer (a plain form post, so it works before and without JavaScript):
 * back to the app's callback with a code, or to the consent page when the profile is invalid.
 */
export async function POST(request: NextRequest) {
  const form = await request.formData();
  const field = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const parsed = parseAuthorizationParams({ state: field("state"), redirect_uri: field("redirect_uri"), code_challenge: field("code_challenge") }, integrationsEnv().APP_URL);
  if (!parsed.ok) return new NextResponse(`Invalid authorization request: ${parsed.reason}`, { status: 400 });
  const params = parsed.value;
  if (field("decision") === "deny") return NextResponse.redirect(callbackUrl(params, { error: "access_denied" }), 303);

  const profile = sandboxProfileSchema.safeParse({ name: field("name"), handle: field("handle") });
  if (!profile.success) {
    const back = new URL("/sandbox/authorize", request.nextUrl.origin);
    back.search = new URLSearchParams({ state: params.state, redirect_uri: params.redirectUri, code_challenge: params.codeChallenge, name: field("name"), handle: field("handle"), invalid: "1" }).toString();
    return NextResponse.redirect(back, 303);
  }
  return NextResponse.redirect(callbackUrl(params, { code: sandboxCode(profile.data, params.codeChallenge) }), 303);
}
