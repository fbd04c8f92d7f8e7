import { disconnectAll } from "@mg/db/system";
import { seedCrmDemo } from "../services/demo/crm-demo";
import { seedFormsDemo } from "../services/demo/forms-demo";
import { seedSocialDemo } from "../services/demo/social-demo";

// `pnpm db:seed` runs this after the base demo data (it needs the Sandbox and token encryption,
// which live above the db package): the social demo, then the CRM's, then the lead forms'.
try {
  await seedSocialDemo();
  await seedCrmDemo();
  await seedFormsDemo();
} finally {
  await disconnectAll();
}
