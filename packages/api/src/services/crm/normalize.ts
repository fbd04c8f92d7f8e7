import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { getDomain } from "tldts";
import { z } from "zod";

/**
 * One normal form per identifier, applied on every write (forms, import, API, merge), so that
 * "the same person" is the same string: duplicates are found by equality and unique keys hold.
 */

const emailShape = z.string().email();

/** Trimmed, lowercase; null when it is not an email address. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return emailShape.safeParse(email).success ? email : null;
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * E.164 via libphonenumber-js. A number without a country code is read in `defaultCountry`
 * (the organization's country); without one, it must start with +.
 */
export function normalizePhone(raw: string, defaultCountry: string | null | undefined): PhoneResult {
  const text = raw.trim();
  if (text === "") return { ok: false, reason: "Phone number is empty." };
  const region = defaultCountry && /^[A-Z]{2}$/i.test(defaultCountry) ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(text, region ? { defaultCountry: region } : undefined);
  if (!parsed) {
    return { ok: false, reason: region ? `"${text}" is not a phone number.` : `"${text}" needs a country code (like +44), or set your organization's country.` };
  }
  if (!parsed.isValid()) return { ok: false, reason: `"${text}" is not a valid ${parsed.country ?? "international"} phone number.` };
  return { ok: true, e164: parsed.number };
}

/**
 * The registrable domain (eTLD+1, tldts) of a website, a host or an email address:
 * "https://shop.example.co.uk/x" → "example.co.uk", "ann@mail.acme.com" → "acme.com".
 */
export function registrableDomain(raw: string): string | null {
  const text = raw.trim().toLowerCase();
  if (text === "") return null;
  const host = text.includes("@") && !text.includes("/") ? text.slice(text.lastIndexOf("@") + 1) : text;
  const domain = getDomain(host.includes("://") ? host : `http://${host}`);
  return domain ?? null;
}

/** Free mail providers: their domain says nothing about a company. */
const FREE_MAIL = new Set(["gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "proton.me", "protonmail.com", "yandex.ru", "mail.ru", "qq.com", "163.com"]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

/** Lowercase, accent-free, single-spaced "first last": the name's blocking, search and sort key. */
export function nameKey(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return `${firstName ?? ""} ${lastName ?? ""}`
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A tag as stored: trimmed, inner whitespace collapsed, at most 50 characters; case kept for display. */
export function normalizeTag(raw: string): string {
  return raw.trim().replace(/\s+/g, " ").slice(0, 50);
}
