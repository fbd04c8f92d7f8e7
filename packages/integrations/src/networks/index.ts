/** The real social network adapters; the registry enables each one when its env keys are set. */
export { createFacebookAdapter, FACEBOOK_RULES, FACEBOOK_SCOPES } from "./facebook";
export { createInstagramAdapter, INSTAGRAM_RULES, INSTAGRAM_SCOPES } from "./instagram";
export { createLinkedInAdapter, LINKEDIN_APP_MODES, LINKEDIN_RULES, LINKEDIN_SCOPES, LINKEDIN_VERSION, linkedInVersionProblem, type LinkedInAppMode } from "./linkedin";
export { createXAdapter, X_RULES, X_SCOPES, xWeightedLength } from "./x";
export { createTikTokAdapter, TIKTOK_RULES, TIKTOK_SCOPES, tiktokPostSettingsSchema, tiktokSettingsOf, type TikTokPostSettings } from "./tiktok";
export { GRAPH_VERSION } from "./graph";
export type { FetchLike, NetworkAdapterConfig } from "./http";
