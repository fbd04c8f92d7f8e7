import { dbEnv } from "../env";
import { migrateDatabase } from "../migrations/migrate";

const env = dbEnv();
migrateDatabase({ ownerUrl: env.DATABASE_URL, appRole: env.DATABASE_APP_ROLE })
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
