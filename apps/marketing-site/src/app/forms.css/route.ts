import { formsCssResponse } from "@mg/api/lead-forms";

/** The forms' stylesheet (packages/pages/src/forms). */
export const dynamic = "force-static";

export function GET() {
  return formsCssResponse();
}
