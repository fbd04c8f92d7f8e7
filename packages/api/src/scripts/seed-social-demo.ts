import { disconnectAll } from "@mg/db/system";
import { seedCrmDemo } from "../services/demo/crm-demo";
import { seedSocialDemo } from "../services/demo/social-demo";
import { seedLinksDemoFor } from "../services/demo/links-demo";

// `pnpm db:seed` runs this after the base demo data (it needs the Sandbox and token encryption,
// which live above the db package): the social demo, then the CRM's, then the tracked links'.
try {
  await seedSocialDemo();
  await seedCrmDemo();
  await seedLinksDemoFor();
} finally {
  await disconnectAll();
}
