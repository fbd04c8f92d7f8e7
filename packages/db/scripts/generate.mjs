// `prisma generate` without network: the CLI insists on resolving a schema-engine binary first,
// but generate never runs it, so any executable satisfies it. Scoped to this script only, so
// `prisma migrate` on a connected machine still downloads and uses the real engine.
//
// `--if-needed`: generate only when the client is missing or older than the schema (a stamp of
// the schema's hash sits next to the generated client). Every script that needs the client runs
// this first, so a fresh clone's `pnpm db:seed` works without a separate generate step.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = resolve(packageDir, "prisma/schema.prisma");
const stampPath = resolve(packageDir, "src/generated/prisma/.schema-hash");
const schemaHash = createHash("sha256").update(readFileSync(schemaPath)).digest("hex");

const ifNeeded = process.argv.includes("--if-needed");
if (ifNeeded && existsSync(stampPath) && readFileSync(stampPath, "utf8").trim() === schemaHash) process.exit(0);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, cwd: packageDir, shell: process.platform === "win32" });
if (result.status === 0) writeFileSync(stampPath, `${schemaHash}\n`);
process.exit(result.status ?? 1);
