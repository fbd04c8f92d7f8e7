/**
 * Runs once when the site's server starts. In the Node.js runtime every request is stamped with
 * its TCP peer address (`x-mg-peer-address`), the only client address a client cannot forge: the
 * visit counter hashes it (never stores it) and the lead form intake's per-IP limits key on it,
 * through the trusted-proxy chain (packages/api/src/client-ip.ts).
 */
export async function register(): Promise<void> {
  // Literal reads on purpose: Next inlines these per runtime and build phase.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { installPeerAddressHeader } = await import("@mg/api/client-ip");
    await installPeerAddressHeader();
  }
}
