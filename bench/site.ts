import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The marketing site as a production server for the benches that measure what visitors get. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
let built = false;

export function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

/** Builds apps/marketing-site once per `pnpm bench` run (BENCH_PAGES_SKIP_BUILD=1 reuses a build). */
export async function buildSite(env: NodeJS.ProcessEnv): Promise<void> {
  if (built || process.env.BENCH_PAGES_SKIP_BUILD === "1") return;
  await run("build the marketing site", "pnpm", ["--filter", "@mg/marketing-site", "build"], env);
  built = true;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface RunningSite {
  url: string;
  stop(): void;
}

export async function startSite(env: NodeJS.ProcessEnv): Promise<RunningSite> {
  const port = await freePort();
  const child: ChildProcess = spawn("pnpm", ["--filter", "@mg/marketing-site", "exec", "next", "start", "--port", String(port)], { cwd: root, env, stdio: "ignore", detached: true });
  const stop = () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/robots.txt`)).ok) return { url: `http://127.0.0.1:${port}`, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error("the marketing site did not start within 60 s");
}

/** The demo data (idempotent): the base seed, then the social, CRM and lead capture demos. */
export async function seedDemo(env: NodeJS.ProcessEnv): Promise<void> {
  await run("seed the demo data", "pnpm", ["--filter", "@mg/db", "seed"], env);
  await run("seed the social and lead-capture demo data", "pnpm", ["--filter", "@mg/api", "seed:social"], env);
}
