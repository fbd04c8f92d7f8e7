/**
 * The Node.js half of instrumentation.ts, imported only inside its Node-runtime branch so no other
 * bundle (Edge) ever contains the jobs package, the logger or node:http.
 */
import { installPeerAddressHeader } from "@mg/api/client-ip";
import { networkConfigurationProblems } from "@mg/integrations/registry";
import { logger } from "@mg/logger";
import { serverEnv } from "~/env";

const PROBE_TIMEOUT_MS = 2_000;
const DEV_SERVER_URL = "http://localhost:8288";
const STARTED = Symbol.for("mg.local-scheduler.started");

type SchedulerGlobal = typeof globalThis & { [STARTED]?: boolean };

function log(message: string, level: "info" | "error" = "info") {
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
  const setting = serverEnv().MG_LOCAL_SCHEDULER;
  if (setting === "0") {
    log("off (MG_LOCAL_SCHEDULER=0)");
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
    log("not started: a job engine is reachable (set MG_LOCAL_SCHEDULER=1 to run it anyway)");
    return;
  }
  g[STARTED] = true;
  // The API hands the jobs their domain work when it loads (the lead intake, the contact import's
  // runner); without it every such event would fail here until the first tRPC request loaded it.
  await import("@mg/api");
  log(`starting: ${reason}`);
  startLocalScheduler();
}

/** A network whose keys are set but whose settings cannot work (an API version LinkedIn no longer serves) is an operator's problem: say so at startup. */
function reportNetworkConfiguration(): void {
  try {
    for (const problem of networkConfigurationProblems()) logger.warn({ module: "integrations" }, `network configuration: ${problem}`);
  } catch (error) {
    log(`could not check the network configuration: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}

export async function registerNode(): Promise<void> {
  // Before the first request: every request carries its TCP peer, the only client address a
  // client cannot forge (rate limits, audit, sessions read it through the trusted-proxy chain).
  await installPeerAddressHeader();
  reportNetworkConfiguration();
  // Not awaited: probing the engine must not hold up the server's first request.
  void import("@mg/jobs")
    .then((jobs) => maybeStartLocalScheduler(jobs))
    .catch((error: unknown) => {
      log(`could not start: ${error instanceof Error ? error.message : String(error)}`, "error");
    });
}

