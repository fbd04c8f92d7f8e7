import { createHash, randomUUID } from "node:crypto";
import * as MailChecker from "mailchecker";
import type { TenantDb } from "@mg/db";
import { enqueueEvents } from "@mg/jobs";
import { decryptSecret } from "@mg/integrations/crypto";
import type { RenderableForm } from "@mg/pages";
import { consumeRateLimit, RateLimitedError } from "../../rate-limit";
import { attributionNeedsConsent, visitorIdFromCookie } from "../lead-capture/visitor";
import type { ThankYou } from "../../schemas/forms";
import { allFields, parseConsents, parseDefinition, parseThankYou, renderableForm, wordingAt } from "./definition";
import { withPublicFormOrgById, type PublicOrganization } from "./public-entry";
import { countRefusal, type RefusalReason } from "./refusals";
import { MAX_TOKEN_AGE_MS, MIN_FILL_MS, signRenderToken, verifyRenderToken, type RenderToken } from "./token";
import { verifyTurnstile } from "./turnstile";
import { validateSubmission, type SubmittedValues } from "./validate";

/**
 * The public intake (docs/lead-capture.md, "Forms and intake"): everything between a POST and the
 * stored submission. In order: the signed token (else 400), the organization it names entered
 * through the public entry (else 404) and the form in it, unreadable input, the honeypot, the
 * render time (too fast / too old), the sliding rate limits per IP + form and per form, the
 * form's own validation, disposable addresses, Turnstile when configured — then the raw
 * submission and its outbox event in ONE transaction, keyed by the token's submission id so a
 * double click or a retry is the same row and the same answer. Every refusal is counted per form,
 * day and reason. The organization and form are the token's, whatever else the request says.
 */
export interface IntakeRequest {
  /** The body's fields (a name may repeat: multi-select, consents). */
  fields: ReadonlyMap<string, readonly string[]>;
  /** The body held characters no field may hold (NUL, other control characters). */
  malformed?: boolean;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** The attribution cookie's visitor id, when the visitor has one (tests and callers without cookies). */
  visitorId: string | null;
  /**
   * The request's Cookie header: when given, the visitor id is the one this organization may use
   * (its consent rule, links work: visitorIdFromCookie), not simply whatever `mg_vid` holds.
   */
  cookieHeader?: string | null;
}

export interface IntakeDeps {
  now?: Date;
  turnstileEndpoint?: string;
}

export interface Rerender {
  form: RenderableForm;
  token: string;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  formError?: string;
  via: RenderToken["via"];
  pageId?: string;
}

export type IntakeOutcome =
  | { kind: "accepted"; submissionId: string; duplicate: boolean; thankYou: ThankYou; orgSlug: string; formSlug: string; eventIds: string[]; via: RenderToken["via"] }
  /** The honeypot: answered like a success (a bot learns nothing), stored nowhere. */
  | { kind: "decoy"; thankYou: ThankYou; orgSlug: string; formSlug: string; via: RenderToken["via"] }
  | { kind: "invalid"; status: 422; rerender: Rerender; reason?: RefusalReason }
  | { kind: "rate_limited"; status: 429; retryAfterSeconds: number; rerender: Rerender; reason: RefusalReason }
  | { kind: "bad_request"; status: 400; message: string }
  | { kind: "not_found"; status: 404 };

export const SUBMISSION_EVENT = "form/submission.received";

function first(fields: ReadonlyMap<string, readonly string[]>, name: string): string {
  return fields.get(name)?.[0] ?? "";
}

function echoValues(fields: ReadonlyMap<string, readonly string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, list] of fields) {
    if (name.startsWith("_") && name !== "_consent") continue;
    if (name === "cf-turnstile-response") continue;
    out[name] = list.length === 1 ? (list[0] ?? "") : [...list];
  }
  return out;
}

function utmOf(pageUrl: string | null): Record<string, string> {
  if (!pageUrl) return {};
  try {
    const url = new URL(pageUrl, "https://invalid.local");
    const utm: Record<string, string> = {};
    for (const key of ["source", "medium", "campaign", "term", "content"]) {
      const v = url.searchParams.get(`utm_${key}`);
      if (v) utm[key] = v.slice(0, 200);
    }
    return utm;
  } catch {
    return {};
  }
}

function pageUrlOf(request: IntakeRequest): string | null {
  const given = first(request.fields, "_page") || request.referrer || "";
  return /^https?:\/\//i.test(given) ? given.slice(0, 2_000) : null;
}

async function refuse(organizationId: string, formId: string, reason: RefusalReason, now: Date): Promise<void> {
  await withPublicFormOrgById(organizationId, (db) => countRefusal(db, organizationId, formId, reason, now));
}

const FORM_SELECT = { id: true, slug: true, definition: true, consents: true, thankYou: true, revision: true, name: true, doubleOptIn: true, ownerUserId: true, status: true } as const;

/** Everything decided, and only Turnstile (a call to a third party, never inside a transaction) left before storing. */
interface NeedsTurnstile {
  kind: "turnstile";
  secretEnc: string;
  formId: string;
  values: SubmittedValues;
  consents: GivenConsent[];
  accepted: Omit<Extract<IntakeOutcome, { kind: "accepted" }>, "submissionId" | "duplicate" | "eventIds">;
  rerender: Rerender;
}

export async function receiveSubmission(request: IntakeRequest, deps: IntakeDeps = {}): Promise<IntakeOutcome> {
  const now = deps.now ?? new Date();
  const token = verifyRenderToken(first(request.fields, "_token"));
  if (!token) return { kind: "bad_request", status: 400, message: "This form could not be verified. Reload the page and send it again." };
  // One transaction for the usual path: load, decide (refusals counted in it), store with its event.
  const decided = await withPublicFormOrgById(token.organizationId, (db, org) => decide(db, org, token, { ...request, now }));
  if (decided === null) return { kind: "not_found", status: 404 };
  if (decided.kind !== "turnstile") return decided;
  const result = await verifyTurnstile(
    { secret: decryptSecret(decided.secretEnc), response: first(request.fields, "cf-turnstile-response"), remoteIp: request.ip, idempotencyKey: token.submissionId },
    deps.turnstileEndpoint ? { endpoint: deps.turnstileEndpoint } : {},
  );
  if (!result.success) {
    await refuse(token.organizationId, decided.formId, "captcha_failed", now);
    return { kind: "invalid", status: 422, reason: "captcha_failed", rerender: { ...decided.rerender, formError: "We could not confirm you are a person. Please complete the check and send again." } };
  }
  const stored = await withPublicFormOrgById(token.organizationId, (db, org) => insertSubmission(db, org, token, { ...request, now }, decided.values, decided.consents));
  if (stored === null) return { kind: "not_found", status: 404 };
  return { ...decided.accepted, submissionId: stored.submissionId, duplicate: !stored.inserted, eventIds: stored.eventIds };
}

async function decide(db: TenantDb, org: PublicOrganization, token: RenderToken, request: IntakeRequest & { now: Date }): Promise<IntakeOutcome | NeedsTurnstile> {
  const { now } = request;
  const form = await db.leadForm.findFirst({ where: { id: token.formId, deletedAt: null }, select: FORM_SELECT });
  if (!form || form.status !== "ACTIVE") return { kind: "not_found", status: 404 };
  const refuseHere = (reason: RefusalReason) => countRefusal(db, org.id, form.id, reason, now);

  if (request.malformed) {
    await refuseHere("invalid_input");
    return { kind: "bad_request", status: 400, message: "The form contained characters that cannot be accepted." };
  }
  const thankYou = parseThankYou(form.thankYou);
  if (first(request.fields, "_hp_website") !== "") {
    await refuseHere("honeypot");
    return { kind: "decoy", thankYou, orgSlug: org.slug, formSlug: form.slug, via: token.via };
  }
  const settings = await db.leadCaptureSettings.findFirst({ select: { turnstileSiteKey: true, turnstileSecretEnc: true } });
  const turnstile = settings?.turnstileSiteKey && settings.turnstileSecretEnc ? { siteKey: settings.turnstileSiteKey, secretEnc: settings.turnstileSecretEnc } : null;

  const renderable = renderableForm(form, turnstile?.siteKey ?? null);
  const rerender = (extra: { errors?: Record<string, string>; formError?: string; freshToken?: boolean }): Rerender => ({
    form: renderable,
    token: extra.freshToken ? signRenderToken({ ...token, submissionId: randomUUID(), issuedAt: now, revision: form.revision }) : first(request.fields, "_token"),
    values: echoValues(request.fields),
    errors: extra.errors ?? {},
    ...(extra.formError ? { formError: extra.formError } : {}),
    via: token.via,
    ...(token.pageId ? { pageId: token.pageId } : {}),
  });

  const age = now.getTime() - token.issuedAt.getTime();
  if (age < MIN_FILL_MS) {
    await refuseHere("too_fast");
    return { kind: "invalid", status: 422, reason: "too_fast", rerender: rerender({ formError: "That was quicker than a person can fill in a form. Please check your answers and send again." }) };
  }
  if (age > MAX_TOKEN_AGE_MS) {
    await refuseHere("expired");
    return { kind: "invalid", status: 422, reason: "expired", rerender: rerender({ freshToken: true, formError: "This form was open for too long. Please check your answers and send it again." }) };
  }

  for (const [policy, key, reason] of [
    ["formSubmitPerIp", `${request.ip ?? "unknown"}:${form.id}`, "rate_limited_ip"],
    ["formSubmitPerForm", form.id, "rate_limited_form"],
  ] as const) {
    try {
      await consumeRateLimit(policy, key);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      await refuseHere(reason);
      return { kind: "rate_limited", status: 429, retryAfterSeconds: error.retryAfterSeconds, reason, rerender: rerender({ formError: `Too many attempts. Please try again in ${error.retryAfterSeconds} seconds.` }) };
    }
  }

  const definition = parseDefinition(form.definition);
  const consents = parseConsents(form.consents);
  const checked = validateSubmission(definition, consents, request.fields, org.country);
  if (Object.keys(checked.errors).length > 0) {
    return { kind: "invalid", status: 422, rerender: rerender({ errors: checked.errors, formError: "Please correct the fields marked below." }) };
  }
  const disposable = allFields(definition).find((f) => f.kind === "email" && typeof checked.values[f.id] === "string" && !MailChecker.isValid(String(checked.values[f.id])));
  if (disposable) {
    await refuseHere("disposable_email");
    return { kind: "invalid", status: 422, reason: "disposable_email", rerender: rerender({ errors: { [disposable.id]: "Please use a permanent email address (disposable addresses are not accepted)." } }) };
  }
  const given = consents.filter((c) => checked.consents.includes(c.id)).map((c) => ({ id: c.id, channel: c.channel, purpose: c.purpose, ...wordingAt(c, token.issuedAt) }));
  const accepted = { kind: "accepted" as const, thankYou, orgSlug: org.slug, formSlug: form.slug, via: token.via };
  if (turnstile) return { kind: "turnstile", secretEnc: turnstile.secretEnc, formId: form.id, values: checked.values, consents: given, accepted, rerender: rerender({}) };
  const stored = await insertSubmission(db, org, token, request, checked.values, given);
  return { ...accepted, submissionId: stored.submissionId, duplicate: !stored.inserted, eventIds: stored.eventIds };
}

interface GivenConsent {
  id: string;
  channel: string;
  purpose: string;
  version: number;
  wording: string;
}

/**
 * The id a second, *different* submission under an already used token is stored as: a page served
 * from a cache hands one token to several visitors, and none of them may be lost. Derived from the
 * token's id and the answers, so a retry of that second submission is idempotent as well.
 */
export function siblingSubmissionId(submissionId: string, values: SubmittedValues): string {
  const hex = createHash("sha256").update(`${submissionId}\n${canonical(values)}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** JSON with sorted keys: jsonb hands keys back in its own order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function sameValues(a: unknown, b: SubmittedValues): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The raw submission and its event, one transaction. The same submission id with the same answers
 * (a double click, a retry) is the stored row — `inserted: false`; different answers under a used
 * id are stored as their own sibling (see siblingSubmissionId).
 */
async function insertSubmission(db: TenantDb, org: { id: string; country: string | null }, token: RenderToken, request: IntakeRequest & { now: Date }, values: SubmittedValues, consents: GivenConsent[]): Promise<{ inserted: boolean; submissionId: string; eventIds: string[] }> {
  const pageUrl = pageUrlOf(request);
  const visitorId = request.cookieHeader === undefined ? request.visitorId : visitorIdFromCookie(request.cookieHeader, org.id, await attributionNeedsConsent(db, org));
  const context = {
    ip: request.ip,
    userAgent: request.userAgent?.slice(0, 500) ?? null,
    pageUrl,
    referrer: request.referrer?.slice(0, 2_000) ?? null,
    utm: utmOf(pageUrl),
    visitorId,
    via: token.via,
    consents,
    renderedAt: token.issuedAt.toISOString(),
  };
  const insert = (id: string) => db.$executeRaw`
    INSERT INTO form_submissions (id, organization_id, form_id, page_id, form_revision, values, context, status, attempts, received_at)
    VALUES (${id}::uuid, ${token.organizationId}::uuid, ${token.formId}::uuid, ${token.pageId ?? null}::uuid, ${token.revision},
            ${JSON.stringify(values)}::jsonb, ${JSON.stringify(context)}::jsonb, 'RECEIVED', 0, ${request.now})
    ON CONFLICT (organization_id, id) DO NOTHING`;
  let submissionId = token.submissionId;
  if ((await insert(submissionId)) === 0) {
    const existing = await db.formSubmission.findFirst({ where: { id: submissionId }, select: { values: true } });
    if (!existing || sameValues(existing.values, values)) return { inserted: false, submissionId, eventIds: [] };
    submissionId = siblingSubmissionId(token.submissionId, values);
    if ((await insert(submissionId)) === 0) return { inserted: false, submissionId, eventIds: [] };
  }
  const eventIds = await enqueueEvents(db, token.organizationId, [
    { name: SUBMISSION_EVENT, id: `form-submission:${submissionId}`, data: { organizationId: token.organizationId, submissionId } },
  ]);
  return { inserted: true, submissionId, eventIds };
}
