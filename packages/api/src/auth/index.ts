export { authOptions, getSessionUser } from "./session";
export { enabledOAuthProviders } from "./options";
