import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { apiEnv } from "../../env";

/**
 * Signed tokens of the public form surfaces: the render token every rendered form carries (which
 * organization, form and revision it is, the submission id a POST of it creates, when it was
 * rendered) and the double opt-in link. HMAC-SHA256 with FORM_TOKEN_SECRET, else a key derived
 * from AUTH_SECRET; each kind has its own derived key, so one can never stand in for the other.
 * The intake trusts nothing else a visitor sends about where a submission belongs.
 */

const renderPayload = z.object({
  /** organization */ o: z.guid(),
  /** form */ f: z.guid(),
  /** revision */ r: z.number().int().min(0),
  /** submission id */ s: z.guid(),
  /** issued at (ms) */ t: z.number().int().positive(),
  /** where it was rendered */ v: z.enum(["page", "embed", "hosted", "link"]),
  /** landing page */ p: z.guid().optional(),
});

export interface RenderToken {
  organizationId: string;
  formId: string;
  revision: number;
  submissionId: string;
  issuedAt: Date;
  via: "page" | "embed" | "hosted" | "link";
  pageId?: string;
}

const confirmPayload = z.object({ o: z.guid(), s: z.guid(), t: z.number().int().positive() });

function key(purpose: "render" | "confirm"): Buffer {
  const env = apiEnv();
  const root = env.FORM_TOKEN_SECRET ?? env.authSecret;
  return createHmac("sha256", root).update(`mg.lead-forms.${purpose}.v1`).digest();
}

function sign(purpose: "render" | "confirm", body: string): string {
  return createHmac("sha256", key(purpose)).update(body).digest("base64url");
}

function seal(purpose: "render" | "confirm", payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(purpose, body)}`;
}

function open(purpose: "render" | "confirm", token: string): unknown {
  if (token.length > 1_000) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(purpose, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

export function signRenderToken(token: RenderToken): string {
  return seal("render", { o: token.organizationId, f: token.formId, r: token.revision, s: token.submissionId, t: token.issuedAt.getTime(), v: token.via, ...(token.pageId ? { p: token.pageId } : {}) });
}

/** The token's facts, or null when it was not made by us (tampered, truncated, another kind). */
export function verifyRenderToken(token: string): RenderToken | null {
  const parsed = renderPayload.safeParse(open("render", token));
  if (!parsed.success) return null;
  const p = parsed.data;
  return { organizationId: p.o, formId: p.f, revision: p.r, submissionId: p.s, issuedAt: new Date(p.t), via: p.v, ...(p.p ? { pageId: p.p } : {}) };
}

/** A render token is refused when sent sooner than this after rendering (no person fills a form that fast)… */
export const MIN_FILL_MS = 2_000;
/** …or later than this (a stale page, or a harvested token). */
export const MAX_TOKEN_AGE_MS = 24 * 60 * 60_000;
/** A double opt-in link works for this long. */
export const CONFIRM_LINK_AGE_MS = 30 * 24 * 60 * 60_000;

export function signConfirmToken(input: { organizationId: string; submissionId: string; issuedAt: Date }): string {
  return seal("confirm", { o: input.organizationId, s: input.submissionId, t: input.issuedAt.getTime() });
}

export function verifyConfirmToken(token: string, now: Date = new Date()): { organizationId: string; submissionId: string } | null {
  const parsed = confirmPayload.safeParse(open("confirm", token));
  if (!parsed.success) return null;
  if (now.getTime() - parsed.data.t > CONFIRM_LINK_AGE_MS) return null;
  return { organizationId: parsed.data.o, submissionId: parsed.data.s };
}
