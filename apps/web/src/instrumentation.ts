/**
 * Runs once when a Next.js server starts. In the Node.js runtime it starts the jobs package's
 * local scheduler — which publishes due posts itself — when no job engine can be reached, so
 * scheduled posts still go out on a machine without Inngest. It is safe next to a real engine
 * (the publish ledger sends every target exactly once), so the decision errs towards starting.
 *
 * MG_LOCAL_SCHEDULER=1 always starts it, MG_LOCAL_SCHEDULER=0 never does; unset: start it when
 * no engine is configured, or the configured dev/self-hosted engine does not answer.
 */

export async function register(): Promise<void> {
  // Literal reads on purpose: Next inlines these per runtime and build phase, which is what drops
  // the Node-only import from other bundles (a read through env.ts would not be inlined).
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { registerNode } = await import("./instrumentation-node");
    await registerNode();
  }
}
