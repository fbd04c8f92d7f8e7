import "server-only";

import { cache } from "react";
import { headers } from "next/headers";
import { connection } from "next/server";
import { createCaller, createInnerContext, requestMeta } from "@mg/api";
import { getSessionUser } from "@mg/api/auth";

/**
 * The signed-in user for this request (memoised per request). Reading the session makes the page
 * dynamic: nothing that depends on who is signed in is ever prerendered.
 */
export const currentUser = cache(async () => {
  await connection();
  return getSessionUser();
});

/**
 * A server-side caller with the same context the HTTP handler builds: the session user, and the
 * organization from the URL segment (never from input).
 */
export const serverCaller = cache(async (orgSlug: string | null = null) => {
  return createCaller(createInnerContext({ user: await currentUser(), orgSlug, ...requestMeta(await headers()) }));
});
