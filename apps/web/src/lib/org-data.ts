import "server-only";

import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "~/trpc/server";

/**
 * `organization.current` for the slug in the URL, once per request. Outsiders, unknown slugs and
 * deleted organizations all come back as null — the page then renders a plain 404, never a hint
 * that the organization exists.
 */
export const getCurrentOrganization = cache(async (orgSlug: string) => {
  try {
    return await (await serverCaller(orgSlug)).organization.current();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "FORBIDDEN")) return null;
    throw error;
  }
});
