import { spawn } from "node:child_process";

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command, args, { env = process.env, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env, cwd, shell: process.platform === "win32" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function mustRun(label, command, args, options) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const code = await run(command, args, options);
  console.log(`${code === 0 ? "✔" : "✖"} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (code !== 0) throw Object.assign(new Error(`${label} failed with exit code ${code}`), { exitCode: code });
}
