/**
 * Runs once when the site's server starts. In the Node.js runtime it stamps every request with its
 * TCP peer address, so the lead form intake's per-IP limits key on the real client
 * (packages/api/src/client-ip.ts), never on a header the client chose.
 */
export async function register(): Promise<void> {
  // Literal reads on purpose: Next inlines these per runtime and build phase.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { installPeerAddressHeader } = await import("@mg/api/client-ip");
    await installPeerAddressHeader();
  }
}
