import type { PlanId } from "@mg/api/plans";

import { env } from "~/env";

/** Absolute links into the product app (a separate origin from this site). */
export const appLinks = {
  signIn: `${env.NEXT_PUBLIC_APP_URL}/sign-in`,
  signUp: (plan?: PlanId) =>
    plan ? `${env.NEXT_PUBLIC_APP_URL}/sign-up?plan=${plan}` : `${env.NEXT_PUBLIC_APP_URL}/sign-up`,
};
