import { hostedFormResponse } from "@mg/api/lead-forms";

/** The hosted form page and share link (docs/lead-capture.md, "Forms and intake"). */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(_request: Request, { params }: { params: Promise<{ orgSlug: string; formSlug: string }> }) {
  const { orgSlug, formSlug } = await params;
  return hostedFormResponse(orgSlug, formSlug);
}
