import { serve } from "inngest/next";
import { functions, inngest } from "@mg/jobs";

export const dynamic = "force-dynamic";

/** The job engine (Inngest Cloud, self-hosted, or the dev server) calls this to run functions. */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
