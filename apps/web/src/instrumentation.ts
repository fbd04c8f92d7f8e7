/**
 * Runs once when a Next.js server starts. In the Node.js runtime it starts the jobs package's
 * local scheduler — which publishes due posts itself — when no job engine can be reached, so
 * scheduled posts still go out on a machine without Inngest. It is safe next to a real engine
 * (the publish ledger sends every target exactly once), so the decision errs towards starting.
 *
 * MG_LOCAL_SCHEDULER=1 always starts it, MG_LOCAL_SCHEDULER=0 never does; unset: start it when
 * no engine is configured, or the configured dev/self-hosted engine does not answer.
 */

const PROBE_TIMEOUT_MS = 2_000;
const DEV_SERVER_URL = "http://localhost:8288";
const STARTED = Symbol.for("mg.local-scheduler.started");

type SchedulerGlobal = typeof globalThis & { [STARTED]?: boolean };

async function log(message: string, level: "info" | "error" = "info") {
  const { logger } = await import("@mg/logger");
  logger[level]({ module: "local-scheduler" }, message);
}

/** Any HTTP answer means something is listening; only a connection failure or timeout does not. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: "GET", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

type Jobs = typeof import("@mg/jobs");

async function maybeStartLocalScheduler({ jobEngineConfigured, jobsClientConfigFromEnv, startLocalScheduler }: Jobs): Promise<void> {
  const { serverEnv } = await import("~/env");
  const setting = serverEnv().MG_LOCAL_SCHEDULER;
  if (setting === "0") {
    void log("off (MG_LOCAL_SCHEDULER=0)");
    return;
  }
  const g = globalThis as SchedulerGlobal;
  // Dev servers can run register() again after a reload: one loop per process.
  if (g[STARTED]) return;

  let reason: string | null = null;
  if (setting === "1") {
    reason = "MG_LOCAL_SCHEDULER=1";
  } else {
    const config = jobsClientConfigFromEnv();
    if (!jobEngineConfigured(config)) {
      reason = "no job engine configured (INNGEST_EVENT_KEY, INNGEST_BASE_URL and INNGEST_DEV are unset)";
    } else if (config.baseUrl || config.isDev) {
      const url = config.baseUrl ?? DEV_SERVER_URL;
      if (!(await answers(url))) reason = `the job engine at ${url} does not answer`;
    }
    // Inngest Cloud (an event key without a URL) is taken as reachable: the outbox covers outages.
  }
  if (!reason) {
    void log("not started: a job engine is reachable (set MG_LOCAL_SCHEDULER=1 to run it anyway)");
    return;
  }
  g[STARTED] = true;
  void log(`starting: ${reason}`);
  startLocalScheduler();
}

async function reportNetworkConfiguration(): Promise<void> {
  try {
    const [{ networkConfigurationProblems }, { logger }] = await Promise.all([import("@mg/integrations/registry"), import("@mg/logger")]);
    for (const problem of networkConfigurationProblems()) logger.warn({ module: "integrations" }, `network configuration: ${problem}`);
  } catch (error) {
    await log(`could not check the network configuration: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}

export async function register(): Promise<void> {
  // The import sits inside the runtime check so the Edge bundle of this file never includes the
  // jobs package (Next inlines NEXT_RUNTIME and drops the branch).
  // Literal reads on purpose: Next inlines these per runtime and build phase, which is what drops
  // the Node-only branch from other bundles (a read through env.ts would not be inlined).
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // Before the first request: every request carries its TCP peer, the only client address a
    // client cannot forge (rate limits, audit, sessions read it through the trusted-proxy chain).
    const { installPeerAddressHeader } = await import("@mg/api/client-ip");
    await installPeerAddressHeader();
    // A network whose keys are set but whose settings cannot work (an API version LinkedIn no
    // longer serves) is an operator's problem: say so at startup, not only on the Accounts page.
    void reportNetworkConfiguration();
    // Not awaited: probing the engine must not hold up the server's first request.
    void import("@mg/jobs")
      .then((jobs) => maybeStartLocalScheduler(jobs))
      .catch((error: unknown) => {
        void log(`could not start: ${error instanceof Error ? error.message : String(error)}`, "error");
      });
  }
}
