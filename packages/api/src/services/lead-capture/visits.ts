import { createHash, createHmac } from "node:crypto";
import { isbot } from "isbot";
import type { TenantDb } from "@mg/db";
import { apiEnv } from "../../env";
import { compactUtm, parseUtm } from "./links";
import type { Utm } from "../../schemas/links";

/**
 * Visits of landing pages and tracked links (docs/lead-capture.md, "Links, QR and attribution").
 * Generic: the /r redirect records LINK and QR visits, the landing page route records PAGE visits.
 *
 * - Bots (isbot, or no user agent at all) are not recorded.
 * - No raw IP is stored anywhere: `visitor_key` = sha256(daily salt · IP · user agent), where the
 *   daily salt is an HMAC of the UTC date under the server secret — it cannot be recomputed
 *   without the secret, and keys of different days cannot be joined.
 * - One row per target, visitor and hour: the unique key (organization, target, visitor key,
 *   hour) with ON CONFLICT DO NOTHING.
 */

export type VisitKindName = "PAGE" | "LINK" | "QR";

export interface VisitInput {
  kind: VisitKindName;
  /** LINK/QR visits: the link; PAGE visits: none. */
  linkId?: string | null;
  /** PAGE visits: the page; LINK/QR visits to a page destination: that page (attribution folds the two). */
  pageId?: string | null;
  /** The client IP as `clientIpFrom` found it (null when unknown); hashed, never stored. */
  ip: string | null;
  userAgent: string | null;
  /** The attribution cookie's id, only when consent allows it (visitor.ts `attributionFor`). */
  visitorId?: string | null;
  country?: string | null;
  referrer?: string | null;
  utm?: Utm | null;
  landingUrl?: string | null;
  at?: Date;
}

export type VisitOutcome = { recorded: true } | { recorded: false; reason: "bot" | "duplicate" };

/** Longest referrer / landing URL kept (longer values are cut, never refused: a visit is not a form). */
const MAX_URL = 2000;

export function isBotAgent(userAgent: string | null | undefined): boolean {
  // A client that sends no user agent at all is a script, not a person with a browser.
  if (!userAgent || userAgent.trim() === "") return true;
  return isbot(userAgent);
}

/** The salt of one UTC day, derived from the server secret. */
export function dailySalt(at: Date, secret: string = apiEnv().authSecret): string {
  return createHmac("sha256", secret).update(`mg.visit-salt:${at.toISOString().slice(0, 10)}`).digest("hex");
}

/** sha256(daily salt, IP, user agent), hex: the same browser on the same day gives the same key. */
export function visitorKeyOf(ip: string | null, userAgent: string | null, at: Date, secret?: string): string {
  return createHash("sha256")
    .update(`${dailySalt(at, secret)}\n${ip ?? ""}\n${userAgent ?? ""}`)
    .digest("hex");
}

export function hourOf(at: Date): Date {
  const hour = new Date(at);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

/** A two-letter country from a header the configured proxy sets (never one a client could choose). */
export function countryFrom(headers: Headers, headerName: string | undefined = apiEnv().TRUSTED_COUNTRY_HEADER): string | null {
  if (!headerName) return null;
  const value = headers.get(headerName)?.trim().toUpperCase() ?? "";
  // XX / T1 are Cloudflare's "unknown" and "Tor".
  return /^[A-Z]{2}$/.test(value) && value !== "XX" && value !== "T1" ? value : null;
}

/** The referrer's origin and path (no query or fragment: they can carry other sites' personal data). */
export function cleanReferrer(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return `${url.origin}${url.pathname}`.slice(0, MAX_URL);
  } catch {
    return null;
  }
}

/** UTM parameters of a URL's query (a landing page reached from a campaign). */
export function utmFromUrl(url: URL): Utm {
  return compactUtm(
    parseUtm({
      source: url.searchParams.get("utm_source")?.slice(0, 200) ?? undefined,
      medium: url.searchParams.get("utm_medium")?.slice(0, 200) ?? undefined,
      campaign: url.searchParams.get("utm_campaign")?.slice(0, 200) ?? undefined,
      term: url.searchParams.get("utm_term")?.slice(0, 200) ?? undefined,
      content: url.searchParams.get("utm_content")?.slice(0, 200) ?? undefined,
    }),
  );
}

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u001F\u007F]/g;

function clean(value: string | null | undefined, max: number): string | null {
  if (!value) return null;
  const text = value.replace(CONTROL, "").slice(0, max);
  return text === "" ? null : text;
}

export function targetKeyOf(input: Pick<VisitInput, "kind" | "linkId" | "pageId">): string {
  if (input.kind === "PAGE") {
    if (!input.pageId) throw new Error("A page visit needs its page");
    return `page:${input.pageId}`;
  }
  if (!input.linkId) throw new Error("A link visit needs its link");
  return `link:${input.linkId}`;
}

/**
 * Records one visit in the organization in scope (`db` is that organization's tenant client), or
 * says why not. Never throws for what a visitor sent: a visit must not break a redirect.
 */
export async function recordVisit(db: TenantDb, input: VisitInput): Promise<VisitOutcome> {
  if (isBotAgent(input.userAgent)) return { recorded: false, reason: "bot" };
  const at = input.at ?? new Date();
  const utm = input.utm ? compactUtm(input.utm) : null;
  const { count } = await db.visit.createMany({
    data: [
      {
        organizationId: db.$organizationId,
        kind: input.kind,
        targetKey: targetKeyOf(input),
        linkId: input.linkId ?? null,
        pageId: input.pageId ?? null,
        visitorKey: visitorKeyOf(input.ip, input.userAgent, at),
        visitorId: clean(input.visitorId, 64),
        hour: hourOf(at),
        country: input.country ?? null,
        referrer: clean(input.referrer, MAX_URL),
        ...(utm && Object.keys(utm).length > 0 ? { utm } : {}),
        landingUrl: clean(input.landingUrl, MAX_URL),
        occurredAt: at,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1 ? { recorded: true } : { recorded: false, reason: "duplicate" };
}

/**
 * After consent: today's visits of this browser (same visitor key) in the organization get the
 * attribution id — the QR scan that brought the visitor to the page where they consented is
 * then part of their history. Only visits that had no id yet; only the same day's key.
 */
export async function adoptVisits(db: TenantDb, input: { ip: string | null; userAgent: string | null; visitorId: string; at?: Date }): Promise<number> {
  const at = input.at ?? new Date();
  const since = new Date(at.getTime() - 24 * 3_600_000);
  const { count } = await db.visit.updateMany({
    where: { visitorKey: visitorKeyOf(input.ip, input.userAgent, at), visitorId: null, occurredAt: { gte: since } },
    data: { visitorId: input.visitorId },
  });
  return count;
}
