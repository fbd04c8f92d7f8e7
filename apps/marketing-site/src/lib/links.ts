import { env } from "~/env";

/**
 * Absolute links into the product app (a separate origin from this site). Sign-up carries no plan:
 * the app does not read one; plans are chosen in the app later.
 */
export const appLinks = {
  signIn: `${env.NEXT_PUBLIC_APP_URL}/sign-in`,
  signUp: `${env.NEXT_PUBLIC_APP_URL}/sign-up`,
};
