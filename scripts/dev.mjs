// `pnpm dev`: the whole product on one machine with nothing installed but Node.
// 1. database: DATABASE_URL, or the embedded PGlite server with data under .data/
// 2. migrations, and demo data on first start
// 3. the Inngest dev server when it can be obtained (it needs the internet once); otherwise a
//    plain notice — events then wait in the outbox and are replayed later, never lost
// 4. web on :3000 and the marketing site on :3001
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { resolveDevDatabase } from "./lib/embedded-db.mjs";
import { mustRun } from "./lib/run.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const db = await resolveDevDatabase(root);
// The built-in scheduler publishes due posts whether or not the Inngest dev server could start;
// with both running, the publish ledger keeps every post to exactly one send. The dev outbox
// shows captured mail (sign-in and confirmation links) on a machine without SMTP.
const env = { MG_LOCAL_SCHEDULER: "1", MG_DEV_OUTBOX: "1", ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };
const children = [];

async function shutdown(code) {
  for (const child of children) child.kill("SIGTERM");
  await db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function userCount() {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*)::int AS n FROM users")).rows[0].n);
  } finally {
    await client.end();
  }
}

try {
  await mustRun("generate the Prisma client", "pnpm", ["--filter", "@mg/db", "generate"], { env, cwd: root });
  await mustRun("apply migrations", "pnpm", ["--filter", "@mg/db", "migrate"], { env, cwd: root });
  if ((await userCount()) === 0) {
    await mustRun("seed demo data (first start)", "pnpm", ["--filter", "@mg/db", "seed"], { env, cwd: root });
    await mustRun("seed social demo data (first start)", "pnpm", ["--filter", "@mg/api", "seed:social"], { env, cwd: root });
  }
} catch (error) {
  console.error(error.message);
  await shutdown(1);
}

startInngestDevServer();

console.log(`
  Marketing Genius
  ─────────────────────────────────────────────
  App             http://localhost:3000   (demo: owner@demo.test / demo-password)
  Marketing site  http://localhost:3001
  Dev mail outbox http://localhost:3000/dev/outbox
  Database        ${db.embedded ? `embedded PGlite (${db.url})` : "DATABASE_URL"}
`);

const apps = spawn("pnpm", ["exec", "turbo", "run", "dev", "--filter=@mg/web", "--filter=@mg/marketing-site", "--ui=stream"], { stdio: "inherit", env, cwd: root });
children.push(apps);
apps.once("exit", (code) => void shutdown(code ?? 0));

function startInngestDevServer() {
  if (process.env.MG_SKIP_INNGEST === "1") {
    console.log("Inngest dev server: skipped (MG_SKIP_INNGEST=1). Events wait in the outbox.");
    return;
  }
  // The CLI is a Go binary that inngest-cli's postinstall downloads; offline that step fails.
  const child = spawn("npx", ["--yes", "--ignore-scripts=false", "inngest-cli@latest", "dev", "-u", "http://localhost:3000/api/inngest", "--no-discovery"], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
    cwd: root,
  });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
    if (/listening|Inngest dev server online|http:\/\/127\.0\.0\.1:8288/i.test(chunk.toString())) {
      console.log("Inngest dev server: running on http://localhost:8288");
    }
  });
  child.stderr.on("data", (chunk) => (output += chunk));
  child.once("exit", (code) => {
    if (code === 0 || code === null) return;
    console.log(
      [
        "",
        "Inngest dev server: NOT RUNNING — it could not be obtained (the inngest-cli binary is downloaded from the",
        "internet on first use, and this machine cannot reach it). Everything else works: events sent by the app are",
        "kept in the outbox (see the notice in the app) and are replayed with `pnpm jobs:replay` once an engine runs.",
        "On a connected machine: npx --ignore-scripts=false inngest-cli@latest dev -u http://localhost:3000/api/inngest",
        "",
      ].join("\n"),
    );
  });
}
