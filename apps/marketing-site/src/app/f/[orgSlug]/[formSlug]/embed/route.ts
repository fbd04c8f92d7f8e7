import { hostedFormResponse } from "@mg/api/lead-forms";

/** The iframe page of the script embed: frameable by any site (frame-ancestors *). */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(_request: Request, { params }: { params: Promise<{ orgSlug: string; formSlug: string }> }) {
  const { orgSlug, formSlug } = await params;
  return hostedFormResponse(orgSlug, formSlug, { embedded: true });
}
