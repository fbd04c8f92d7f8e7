import { disconnectAll } from "@mg/db/system";
import { seedSocialDemo } from "../services/demo/social-demo";

// `pnpm db:seed` runs this after the base demo data (it needs the Sandbox and token encryption,
// which live above the db package).
try {
  await seedSocialDemo();
} finally {
  await disconnectAll();
}
