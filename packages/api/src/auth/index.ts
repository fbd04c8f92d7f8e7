export { authOptions, getSessionUser } from "./session";
export { enabledOAuthProviders } from "./options";
export { SIGN_IN_REFUSAL_CODES } from "./sign-in-guard";
