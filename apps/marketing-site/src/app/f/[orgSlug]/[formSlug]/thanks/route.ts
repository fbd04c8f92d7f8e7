import { thanksResponse } from "@mg/api/lead-forms";

/** Where a form without JavaScript lands after sending (303), when its thank-you is a message. */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; formSlug: string }> }) {
  const { orgSlug, formSlug } = await params;
  return thanksResponse(orgSlug, formSlug, { embedded: new URL(request.url).searchParams.has("embed") });
}
