// Runs a command with DATABASE_URL pointing at the configured database, or at the embedded one
// (started for the duration of the command unless `pnpm dev` already runs it).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDevDatabase } from "./lib/embedded-db.mjs";
import { run } from "./lib/run.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/with-db.mjs <command> [args...]");
  process.exit(2);
}
const db = await resolveDevDatabase(root);
const code = await run(command, args, { env: { ...process.env, DATABASE_URL: db.url } });
await db.stop();
process.exit(code);
