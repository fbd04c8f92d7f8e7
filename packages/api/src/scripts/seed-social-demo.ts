import { disconnectAll } from "@mg/db/system";
import { seedCrmDemo } from "../services/demo/crm-demo";
import { seedPagesDemo } from "../services/demo/pages-demo";
import { seedFormsDemo } from "../services/demo/forms-demo";
import { seedSocialDemo } from "../services/demo/social-demo";
import { seedLinksDemoFor } from "../services/demo/links-demo";

// `pnpm db:seed` runs this after the base demo data (it needs the Sandbox and token encryption,
// which live above the db package): the social demo, then the CRM's, then the lead forms, then the
// landing pages (whose demo pages embed the demo form), then the tracked links (which may point at
// the pages).
try {
  await seedSocialDemo();
  await seedCrmDemo();
  await seedFormsDemo();
  await seedPagesDemo();
  await seedLinksDemoFor();
} finally {
  await disconnectAll();
}
