/** Server-side entry point. Browser code imports `@mg/integrations/types` (and validation through it) only. */
export * from "./types";
export { validateAgainstRules, formatBytes } from "./validation";
export { listNetworks, getNetworkAdapter, setNetworkAdapterOverride, oauthRedirectUri, NetworkUnavailableError, type NetworkStatus } from "./registry";
export { encryptSecret, decryptSecret, createSecretBox, SecretDecryptionError, type SecretBox } from "./crypto";
export { authForAccount, refreshTokenForAccount, tokenColumnsFor, reconnectSoon, RECONNECT_WARNING_DAYS, type TokenColumns } from "./accounts";
export { createPkcePair, pkceChallenge, createOAuthState, hashOAuthState } from "./oauth/pkce";
export { integrationsEnv, tokenKeySource, type IntegrationsEnv, type TokenKeySource } from "./env";
export { SANDBOX_RULES, sandboxPostsFor, findSandboxPost, encodeSandboxCode, sandboxExternalId, type SandboxPostView } from "./sandbox";
