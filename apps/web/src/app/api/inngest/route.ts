import { serve } from "inngest/next";
import { functions, inngest } from "@mg/jobs";
// Loading the API registers the domain work some functions run (the contact import's runner):
// jobs cannot import the API, so the API hands it in when it loads.
import "@mg/api";

export const dynamic = "force-dynamic";

/** The job engine (Inngest Cloud, self-hosted, or the dev server) calls this to run functions. */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
