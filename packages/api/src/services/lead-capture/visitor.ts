import { randomBytes } from "node:crypto";
import type { TenantDb } from "@mg/db";

/**
 * The attribution cookie (docs/lead-capture.md, "Links, QR and attribution").
 *
 * `mg_vid` is a random id (no personal data), first-party on the site that serves the pages and
 * short links, HttpOnly (only the server reads it: the redirect, the page route and the form
 * intake read the Cookie header), SameSite=Lax, Secure on https, one year. It joins a visit to a
 * later form submission. `mg_vc` holds the visitor's decision per organization ("a" accepted or
 * "d" declined), because one site serves many organizations and each asks for its own consent.
 *
 * Where the organization needs consent and the visitor has not accepted, no id is set or used:
 * the visit is still counted (without a visitor id) and the banner is shown.
 */

export const VISITOR_COOKIE = "mg_vid";
export const CONSENT_COOKIE = "mg_vc";
const YEAR_SECONDS = 365 * 24 * 3600;
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Decisions kept in the consent cookie (the most recent ones win). */
const MAX_DECISIONS = 20;

/** Countries whose law asks for consent before a non-essential cookie (EU/EEA, UK, Switzerland). */
export const CONSENT_COUNTRIES = new Set([
  ..."AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "),
  ..."IS LI NO GB CH".split(" "),
]);

export function newVisitorId(): string {
  return randomBytes(16).toString("base64url");
}

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export type ConsentDecision = "accepted" | "declined";

function decisionsOf(cookies: Map<string, string>): [string, ConsentDecision][] {
  const raw = cookies.get(CONSENT_COOKIE) ?? "";
  const out: [string, ConsentDecision][] = [];
  for (const item of raw.split(".")) {
    const [flag, orgId] = item.split(":");
    if ((flag === "a" || flag === "d") && orgId && UUID.test(orgId)) out.push([orgId, flag === "a" ? "accepted" : "declined"]);
  }
  return out;
}

export function consentDecision(cookieHeader: string | null | undefined, orgId: string): ConsentDecision | null {
  return decisionsOf(parseCookies(cookieHeader)).find(([id]) => id === orgId)?.[1] ?? null;
}

/** The consent cookie's new value with this organization's decision (replacing an older one). */
export function withDecision(cookieHeader: string | null | undefined, orgId: string, decision: ConsentDecision): string {
  const kept = decisionsOf(parseCookies(cookieHeader)).filter(([id]) => id !== orgId);
  kept.push([orgId, decision]);
  return kept
    .slice(-MAX_DECISIONS)
    .map(([id, d]) => `${d === "accepted" ? "a" : "d"}:${id}`)
    .join(".");
}

function cookieAttributes(secure: boolean): string {
  return `Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure ? "; Secure" : ""}`;
}

export function visitorCookie(visitorId: string, secure: boolean): string {
  return `${VISITOR_COOKIE}=${visitorId}; ${cookieAttributes(secure)}`;
}

export function consentCookie(value: string, secure: boolean): string {
  return `${CONSENT_COOKIE}=${value}; ${cookieAttributes(secure)}`;
}

export interface AttributionState {
  /** The id to record visits with (null: none allowed, or none yet where consent is needed). */
  visitorId: string | null;
  /** A Set-Cookie value when a new id was made (allowed, and the browser had none). */
  setCookie: string | null;
  /** The organization needs consent and the visitor has not decided: show the banner. */
  askConsent: boolean;
}

/**
 * What a public request of an organization may do with the attribution cookie. `needsConsent`
 * comes from `attributionNeedsConsent`.
 */
export function attributionFor(input: { cookieHeader: string | null | undefined; orgId: string; needsConsent: boolean; secure: boolean }): AttributionState {
  const cookies = parseCookies(input.cookieHeader);
  const decision = decisionsOf(cookies).find(([id]) => id === input.orgId)?.[1] ?? null;
  const allowed = !input.needsConsent || decision === "accepted";
  if (!allowed) return { visitorId: null, setCookie: null, askConsent: input.needsConsent && decision === null };
  const existing = cookies.get(VISITOR_COOKIE);
  if (existing && VISITOR_ID.test(existing)) return { visitorId: existing, setCookie: null, askConsent: false };
  const visitorId = newVisitorId();
  return { visitorId, setCookie: visitorCookie(visitorId, input.secure), askConsent: false };
}

/**
 * For the form intake: the attribution id of a POST's Cookie header, only when this
 * organization may use it (never mints one). Pass the result to `touchesForVisitor`.
 */
export function visitorIdFromCookie(cookieHeader: string | null | undefined, orgId: string, needsConsent: boolean): string | null {
  const existing = parseCookies(cookieHeader).get(VISITOR_COOKIE);
  if (!existing || !VISITOR_ID.test(existing)) return null;
  if (needsConsent && consentDecision(cookieHeader, orgId) !== "accepted") return null;
  return existing;
}

/**
 * Does this organization need consent before the attribution cookie? Its lead capture setting
 * when it has one; otherwise yes in the EU/EEA, the UK and Switzerland — and when its country is
 * unknown (the safe side).
 */
export async function attributionNeedsConsent(db: TenantDb, org: { country: string | null }): Promise<boolean> {
  const settings = await db.leadCaptureSettings.findUnique({ where: { organizationId: db.$organizationId }, select: { attributionNeedsConsent: true } });
  if (settings) return settings.attributionNeedsConsent;
  return !org.country || CONSENT_COUNTRIES.has(org.country.toUpperCase());
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the consent endpoint lives on the site (a POST; apps/marketing-site/src/app/c/consent). */
export const CONSENT_PATH = "/c/consent";

/**
 * The consent banner for a landing page whose organization needs consent and whose visitor has
 * not decided (`askConsent`). A plain form POST (works without JavaScript: the endpoint answers
 * 303 back to `returnTo`) plus a few hundred bytes of script that sends it with fetch and hides
 * the banner. The page renderer inserts it before `</body>`; `nonce` is the page's CSP nonce.
 */
export function consentBannerHtml(input: { orgId: string; orgName: string; returnTo: string; nonce?: string; action?: string }): string {
  const action = input.action ?? CONSENT_PATH;
  const nonce = input.nonce ? ` nonce="${escapeHtml(input.nonce)}"` : "";
  return (
    `<form id="mg-consent" method="post" action="${escapeHtml(action)}" role="region" aria-label="Cookie consent" ` +
    `style="position:fixed;inset:auto 1rem 1rem 1rem;max-width:36rem;margin:auto;padding:1rem;border-radius:.75rem;background:#111827;color:#f9fafb;font:14px/1.4 system-ui,sans-serif;box-shadow:0 10px 30px rgba(0,0,0,.3);z-index:50">` +
    `<input type="hidden" name="org" value="${escapeHtml(input.orgId)}">` +
    `<input type="hidden" name="return" value="${escapeHtml(input.returnTo)}">` +
    `<p style="margin:0 0 .75rem">${escapeHtml(input.orgName)} would like to set one cookie to remember which link or QR code brought you here, so it can tell what works. No ads, nothing shared.</p>` +
    `<div style="display:flex;gap:.5rem;flex-wrap:wrap">` +
    `<button type="submit" name="decision" value="accept" style="padding:.5rem 1rem;border:0;border-radius:.5rem;background:#f9fafb;color:#111827;font-weight:600;cursor:pointer">Allow</button>` +
    `<button type="submit" name="decision" value="decline" style="padding:.5rem 1rem;border:1px solid #9ca3af;border-radius:.5rem;background:transparent;color:#f9fafb;cursor:pointer">No thanks</button>` +
    `</div></form>` +
    `<script${nonce}>(function(){var f=document.getElementById("mg-consent");if(!f||!window.fetch)return;f.addEventListener("submit",function(e){e.preventDefault();var b=new URLSearchParams(new FormData(f));var s=e.submitter;if(s&&s.name)b.set(s.name,s.value);fetch(f.action,{method:"POST",body:b,credentials:"same-origin",headers:{accept:"application/json"}}).then(function(r){if(r.ok)f.remove()})})})();</script>`
  );
}
