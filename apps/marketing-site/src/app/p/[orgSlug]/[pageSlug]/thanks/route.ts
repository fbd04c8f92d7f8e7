import { serveThankYou } from "~/lib/landing-pages/serve-page";

/** Where a page's form lands after a plain POST (no JavaScript): the page's thank-you. */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string; pageSlug: string }> }): Promise<Response> {
  const { orgSlug, pageSlug } = await params;
  return serveThankYou(request, { orgSlug, pageSlug });
}
