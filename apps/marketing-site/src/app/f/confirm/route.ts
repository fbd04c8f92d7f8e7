import { confirmPageResponse, confirmPostResponse } from "@mg/api/lead-forms";

/** Double opt-in: GET shows a button (mail scanners follow links), POST confirms. */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request) {
  return confirmPageResponse(new URL(request.url));
}

export function POST(request: Request) {
  return confirmPostResponse(request);
}
