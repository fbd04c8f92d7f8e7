import { TRPCError } from "@trpc/server";

/**
 * A server-side lookup of something a link names (an invitation, a confirmation token): an
 * unknown or malformed one is null, for the page to explain; any other failure still throws.
 */
export async function missingAsNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
}
