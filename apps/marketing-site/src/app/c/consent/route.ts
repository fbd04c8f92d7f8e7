import { handleConsent } from "@mg/api/lead-capture/public-links";

/** The attribution consent banner's answer (a form POST; fetch when JavaScript runs). */
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleConsent(request);
}
