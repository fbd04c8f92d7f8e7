import { handleLinkRedirect } from "@mg/api/lead-capture/public-links";

/**
 * Tracked short links: resolve the code, count the visit (QR when `?qr=1`), 302 to the
 * destination with the link's UTM (packages/api/src/services/lead-capture/public-links.ts).
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await params;
  return handleLinkRedirect(request, code);
}
