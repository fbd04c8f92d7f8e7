// The embedded default database: PGlite (PostgreSQL compiled to WASM) behind a wire-protocol server,
// so several processes (two Next.js apps, scripts, tests) share it over ordinary TCP.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { dirname, join } from "node:path";


export const EMBEDDED_DEV_PORT = Number(process.env.MG_EMBEDDED_DB_PORT ?? 54329);

export function embeddedUrl(port) {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

export function portIsOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts the PGlite socket server on `port` with data in `dataDir` ("memory://" for a throwaway
 * database) and resolves once it is listening. Returns `stop()`.
 */
export async function startEmbeddedDb({ dataDir, port, log = console.log }) {
  const serverScript = join(dirname(fileURLToPath(import.meta.url)), "pglite-server.mjs");
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  log(`starting embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in ${dataDir}`);
  const child = spawn(process.execPath, [serverScript, dataDir, String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded database did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded database exited with code ${code}:\n${output}`));
    });
  });
  child.stdout.removeAllListeners("data");
  child.stderr.on("data", (chunk) => process.stderr.write(`[pglite] ${chunk}`));
  return {
    url: embeddedUrl(port),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/**
 * DATABASE_URL when set; otherwise the embedded server for development (reused when another
 * command already started it, because a PGlite data directory opens in one process only).
 */
export async function resolveDevDatabase(rootDir, log = console.log) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  if (await portIsOpen(EMBEDDED_DEV_PORT)) {
    log(`using the embedded database already running on port ${EMBEDDED_DEV_PORT}`);
    return { url: embeddedUrl(EMBEDDED_DEV_PORT), embedded: true, stop: async () => {} };
  }
  const server = await startEmbeddedDb({ dataDir: join(rootDir, ".data/pglite"), port: EMBEDDED_DEV_PORT, log });
  return { ...server, embedded: true };
}
