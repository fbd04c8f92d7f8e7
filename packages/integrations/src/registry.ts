import { integrationsEnv, type IntegrationsEnv } from "./env";
import { verifiedMediaUrlFromEnv } from "./media/verified";
import {
  createFacebookAdapter,
  createInstagramAdapter,
  createLinkedInAdapter,
  createTikTokAdapter,
  createXAdapter,
  FACEBOOK_RULES,
  INSTAGRAM_RULES,
  LINKEDIN_RULES,
  TIKTOK_RULES,
  X_RULES,
  type NetworkAdapterConfig,
  LINKEDIN_VERSION,
  linkedInVersionProblem,
} from "./networks";
import { sandboxAdapterFromEnv, SANDBOX_RULES } from "./sandbox";
import type { ContentRules, NetworkAdapter, NetworkId } from "./types";

/**
 * Which networks this deployment can use. A network that cannot be used is still listed, with two
 * explanations for two audiences: customers learn that it is not available here (the accounts
 * page), operators which variables to set or what is wrong (the platform status page, the log).
 */
export interface NetworkStatus {
  network: NetworkId;
  displayName: string;
  configured: boolean;
  /** For customers: that the network is not available on this installation; null when configured. */
  reason: string | null;
  /** For operators: the missing variables or the broken setting; null when configured. Never shown in an organization. */
  operatorDetail: string | null;
  rules: ContentRules;
}

/** What a customer is told about a network this installation has not set up. */
export function notAvailableMessage(displayName: string): string {
  return `${displayName} is not available on this installation.`;
}

type EnvKey = keyof IntegrationsEnv & string;

interface NetworkDefinition {
  network: NetworkId;
  displayName: string;
  /** Variables that must all be set. */
  requires: EnvKey[];
  /** Shown even when the network is not configured (the composer still explains its limits). */
  rules: ContentRules;
  /** A configuration that is set but cannot work (checked when the registry is first asked). */
  problem?(env: IntegrationsEnv): string | null;
  create(env: IntegrationsEnv): NetworkAdapter;
}

/** TikTok pulls photos only from verified prefixes; by default the app's own media route. */
export function tiktokVerifiedPrefixes(env: IntegrationsEnv): string[] {
  return env.TIKTOK_VERIFIED_URL_PREFIXES ?? [`${env.APP_URL}/api/media/`];
}

function credentials(env: IntegrationsEnv, id: EnvKey, secret: EnvKey, apiBaseUrl: EnvKey): NetworkAdapterConfig {
  const value = (key: EnvKey) => {
    const v = env[key];
    return typeof v === "string" ? v : undefined;
  };
  return { clientId: value(id) ?? "", clientSecret: value(secret) ?? "", apiBaseUrl: value(apiBaseUrl) };
}

/** In the order the accounts page lists them. */
const NETWORKS: readonly NetworkDefinition[] = [
  { network: "SANDBOX", displayName: "Sandbox", requires: [], rules: SANDBOX_RULES, create: (env) => sandboxAdapterFromEnv(env) },
  {
    network: "FACEBOOK",
    rules: FACEBOOK_RULES,
    displayName: "Facebook",
    requires: ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET"],
    create: (env) => createFacebookAdapter(credentials(env, "FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET", "FACEBOOK_GRAPH_URL")),
  },
  {
    network: "INSTAGRAM",
    rules: INSTAGRAM_RULES,
    displayName: "Instagram",
    requires: ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET"],
    create: (env) => createInstagramAdapter(credentials(env, "FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET", "FACEBOOK_GRAPH_URL")),
  },
  {
    network: "LINKEDIN",
    rules: LINKEDIN_RULES,
    displayName: "LinkedIn",
    requires: ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET"],
    problem: (env) => linkedInVersionProblem(env.LINKEDIN_API_VERSION ?? LINKEDIN_VERSION),
    create: (env) =>
      createLinkedInAdapter({
        ...credentials(env, "LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET", "LINKEDIN_API_URL"),
        mode: env.LINKEDIN_APP_MODE,
        apiVersion: env.LINKEDIN_API_VERSION ?? LINKEDIN_VERSION,
      }),
  },
  {
    network: "X",
    rules: X_RULES,
    displayName: "X",
    requires: ["X_CLIENT_ID", "X_CLIENT_SECRET"],
    create: (env) => createXAdapter(credentials(env, "X_CLIENT_ID", "X_CLIENT_SECRET", "X_API_URL")),
  },
  {
    network: "TIKTOK",
    rules: TIKTOK_RULES,
    displayName: "TikTok",
    requires: ["TIKTOK_CLIENT_KEY", "TIKTOK_CLIENT_SECRET"],
    create: (env) =>
      createTikTokAdapter({
        ...credentials(env, "TIKTOK_CLIENT_KEY", "TIKTOK_CLIENT_SECRET", "TIKTOK_API_URL"),
        verifiedUrlPrefixes: tiktokVerifiedPrefixes(env),
        // Only photos under a verified prefix can be pulled: stored elsewhere, they go through the app's route.
        verifiedMediaUrl: (url) => verifiedMediaUrlFromEnv(url, env),
      }),
  },
];

const overrides = new Map<NetworkId, NetworkAdapter>();

function definitionOf(network: NetworkId): NetworkDefinition {
  const definition = NETWORKS.find((d) => d.network === network);
  if (!definition) throw new Error(`Unknown network: ${network}`);
  return definition;
}

/** Why a network is not usable with this environment, in an operator's terms, or null. */
function unavailableReason(definition: NetworkDefinition, env: IntegrationsEnv): string | null {
  if (definition.network === "SANDBOX") return env.SANDBOX_ENABLED ? null : "The Sandbox network is turned off (SANDBOX_ENABLED=0).";
  const isSet = (key: EnvKey) => {
    const v = env[key];
    return typeof v === "string" && v !== "";
  };
  const missing = definition.requires.filter((key) => !isSet(key));
  if (missing.length === 0) return definition.problem?.(env) ?? null;
  return `${definition.displayName} is not configured: set ${missing.join(" and ")} in the server environment.`;
}

/**
 * Networks whose keys are set but whose configuration cannot work (e.g. a LinkedIn version LinkedIn
 * no longer serves), for the startup log: each of them is also listed as unavailable with this reason.
 */
export function networkConfigurationProblems(env: IntegrationsEnv = integrationsEnv()): string[] {
  return NETWORKS.flatMap((definition) => {
    const keysSet = definition.requires.length > 0 && definition.requires.every((key) => typeof env[key] === "string" && env[key] !== "");
    const problem = keysSet ? definition.problem?.(env) : null;
    return problem ? [`${definition.displayName}: ${problem}`] : [];
  });
}

export function listNetworks(): NetworkStatus[] {
  const env = integrationsEnv();
  return NETWORKS.map((definition) => {
    const override = overrides.get(definition.network);
    const operatorDetail = override ? null : unavailableReason(definition, env);
    const displayName = override?.displayName ?? definition.displayName;
    return {
      network: definition.network,
      displayName,
      configured: operatorDetail === null,
      reason: operatorDetail === null ? null : notAvailableMessage(displayName),
      operatorDetail,
      rules: override?.rules ?? definition.rules,
    };
  });
}

/**
 * A network this installation cannot use. Its message is the customer's (a job that fails with it
 * may show it on a post); what to fix is in `operatorDetail`, for logs and the status page.
 */
export class NetworkUnavailableError extends Error {
  override name = "NetworkUnavailableError";
  constructor(
    readonly network: NetworkId,
    displayName: string,
    readonly operatorDetail: string,
  ) {
    super(notAvailableMessage(displayName));
  }
}

/** The adapter for a configured network; a NetworkUnavailableError otherwise. */
export function getNetworkAdapter(network: NetworkId): NetworkAdapter {
  const override = overrides.get(network);
  if (override) return override;
  const env = integrationsEnv();
  const definition = definitionOf(network);
  const detail = unavailableReason(definition, env);
  if (detail) throw new NetworkUnavailableError(network, definition.displayName, detail);
  return definition.create(env);
}

/** Tests swap in an adapter (e.g. one pointed at a fake server); null restores the configured one. */
export function setNetworkAdapterOverride(network: NetworkId, adapter: NetworkAdapter | null): void {
  if (adapter) overrides.set(network, adapter);
  else overrides.delete(network);
}

/** The OAuth callback the network redirects to; must be registered in the network's developer console. */
export function oauthRedirectUri(network: NetworkId): string {
  return `${integrationsEnv().APP_URL}/api/integrations/${network.toLowerCase()}/callback`;
}
