// `prisma generate` without network: the CLI insists on resolving a schema-engine binary first,
// but generate never runs it, so any executable satisfies it. Scoped to this script only, so
// `prisma migrate` on a connected machine still downloads and uses the real engine.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
