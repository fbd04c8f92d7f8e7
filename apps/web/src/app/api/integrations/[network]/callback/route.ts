import { abandonConnect, completeConnect, SocialConnectError } from "@mg/api";
import { getSessionUser } from "@mg/api/auth";
import { SOCIAL_NETWORKS } from "@mg/api/schemas";
import { integrationsEnv } from "@mg/integrations/env";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ network: string }> };

const MAX_MESSAGE = 400;

/** Back to the accounts page with the outcome in the query, so the page shows it — never a silent failure. */
function redirectTo(orgSlug: string | null, outcome: { connected?: number; connectError?: string | null }): Response {
  const url = new URL(orgSlug ? `/${encodeURIComponent(orgSlug)}/accounts` : "/", integrationsEnv().APP_URL);
  if (outcome.connected !== undefined) url.searchParams.set("connected", String(outcome.connected));
  if (outcome.connectError) url.searchParams.set("connectError", outcome.connectError.slice(0, MAX_MESSAGE));
  return new Response(null, { status: 303, headers: { location: url.toString(), "cache-control": "no-store" } });
}

/**
 * Where every network sends the user back after consent (`<APP_URL>/api/integrations/<network>/callback`,
 * as registered in each network's developer console): `?code&state` on success,
 * `?error&error_description&state` when the user cancelled or the network refused.
 */
export async function GET(req: Request, context: RouteContext): Promise<Response> {
  const { network: segment } = await context.params;
  const query = new URL(req.url).searchParams;
  const network = SOCIAL_NETWORKS.find((n) => n.toLowerCase() === segment.toLowerCase());
  const state = query.get("state") ?? "";
  if (!network) return redirectTo(null, { connectError: `Unknown network “${segment}”.` });

  const user = await getSessionUser();
  const networkError = query.get("error");
  if (networkError) {
    const { orgSlug } = await abandonConnect({ state, userId: user?.id ?? null });
    const description = query.get("error_description");
    const message = networkError === "access_denied" ? "The connection was cancelled: access was not granted." : `The network refused the connection: ${description ?? networkError}`;
    return redirectTo(orgSlug, { connectError: message });
  }

  try {
    const result = await completeConnect({ network, code: query.get("code") ?? "", state, userId: user?.id ?? null });
    return redirectTo(result.orgSlug, { connected: result.connected, connectError: result.notice });
  } catch (error) {
    if (error instanceof SocialConnectError) return redirectTo(error.orgSlug, { connectError: error.message });
    console.error(`[integrations] ${network} callback failed`, error);
    return redirectTo(null, { connectError: "Connecting the account failed unexpectedly. Please try again." });
  }
}
