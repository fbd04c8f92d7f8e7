import type { TenantDb } from "@mg/db";

/** One touch of a visitor: what brought them (stored on the contact as first_touch / last_touch). */
export interface Touch {
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  referrer?: string;
  landingPage?: string;
  linkId?: string;
  /** "qr" when the touch was a QR scan. */
  via?: "page" | "link" | "qr";
  at: string;
}

/**
 * The first and last touch of a visitor (by the attribution cookie's id), from their recorded
 * visits. Owned by the links work; placeholder until it lands: no visits known.
 */
export async function touchesForVisitor(_db: TenantDb, _visitorId: string | null): Promise<{ first: Touch | null; last: Touch | null }> {
  return { first: null, last: null };
}
