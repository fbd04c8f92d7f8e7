import { submitResponse } from "@mg/api/lead-forms";

/** The lead form intake: form-encoded (no JavaScript, answered 303) or JSON (the enhancement script). */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function POST(request: Request) {
  return submitResponse(request);
}
