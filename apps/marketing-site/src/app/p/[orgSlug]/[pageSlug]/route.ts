import { servePublishedPage } from "~/lib/landing-pages/serve-page";

/**
 * A tenant's published landing page, as static HTML rendered on the server (no framework
 * runtime on the page). Dynamic: which version is published is read per request (one indexed
 * row; the HTML itself comes from the in-process cache keyed by that version).
 */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; pageSlug: string }> }): Promise<Response> {
  const { orgSlug, pageSlug } = await params;
  // The forms' enhancement (inline validation, sending without a reload) — the form works without it.
  return servePublishedPage(request, { orgSlug, pageSlug }, { formScriptUrl: "/forms.js" });
}
