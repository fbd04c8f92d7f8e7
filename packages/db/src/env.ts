import { z } from "zod";

/**
 * The database package's configuration. `DATABASE_URL` is the owner connection (migrations,
 * seeding, the explicit system path). The app connects as `DATABASE_APP_ROLE` — through
 * `DATABASE_APP_URL` when given, otherwise through DATABASE_URL with that role's name as user.
 */
const schema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set. Run through `pnpm dev` (which starts the embedded database) or set it to a PostgreSQL URL." })
    .url("DATABASE_URL must be a postgres:// URL"),
  DATABASE_APP_URL: z.string().url().optional(),
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "DATABASE_APP_ROLE must be a plain lower-case identifier")
    .default("mg_app"),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().max(100).default(10),
});

export type DbEnv = z.infer<typeof schema>;

let cached: DbEnv | undefined;

export function dbEnv(): DbEnv {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid database configuration:\n${message}`);
  }
  cached = parsed.data;
  return cached;
}

/** The app role's connection string: explicit, or the owner URL with the role as user. */
export function appDatabaseUrl(env: DbEnv = dbEnv()): string {
  if (env.DATABASE_APP_URL) return env.DATABASE_APP_URL;
  const url = new URL(env.DATABASE_URL);
  url.username = env.DATABASE_APP_ROLE;
  url.password = "";
  return url.toString();
}
