import { formsScriptResponse } from "@mg/api/lead-forms";

/** The forms' enhancement script (packages/pages/src/forms). */
export const dynamic = "force-static";

export function GET() {
  return formsScriptResponse();
}
