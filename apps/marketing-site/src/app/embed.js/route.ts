import { embedScriptResponse } from "@mg/api/lead-forms";

/** The script embed (renders a form into an auto-sized iframe) (packages/pages/src/forms). */
export const dynamic = "force-static";

export function GET() {
  return embedScriptResponse();
}
