import { EMBED_SCRIPT, FORMS_SCRIPT, LEAD_FORM_CSS, renderConfirmDocument, renderFormDocument, renderMessageDocument, type FormRenderContext } from "@mg/pages";
import { deliverOutboxEvents } from "@mg/jobs";
import { logger } from "@mg/logger";
import { clientIpFrom } from "../../client-ip";
import type { ThankYou } from "../../schemas/forms";
import { confirmSubmission } from "./confirm";
import { parseThankYou, renderableForm } from "./definition";
import { receiveSubmission, type IntakeDeps, type IntakeOutcome, type Rerender } from "./intake";
import { withPublicFormOrgBySlug } from "./public-entry";
import { findPublicForm, renderContextFor, turnstileSiteKey } from "./render";
import "./register";

/**
 * The public form endpoints as plain Request → Response functions; apps/marketing-site's route
 * handlers only call these (so the tests drive exactly what the site serves):
 *   GET  /f/{org}/{form}          the hosted page and share link
 *   GET  /f/{org}/{form}/embed    the iframe of the script embed (frameable by any site)
 *   GET  /f/{org}/{form}/thanks   the thank-you message
 *   POST /f/submit                the intake (form-encoded or JSON)
 *   GET|POST /f/confirm           double opt-in
 *   GET  /forms.js /forms.css /embed.js
 * Every document is static HTML with one script and one stylesheet of this site, under its own CSP.
 */

/** Bigger than any real form (100 fields of 5,000 characters would not fit, but none has them). */
export const MAX_SUBMISSION_BYTES = 64 * 1024;
const MAX_FIELDS = 300;

function csp(frameable: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self' https://challenges.cloudflare.com",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src https://challenges.cloudflare.com",
    // The thank-you redirect may go to the tenant's own https site (Chrome applies form-action to redirects).
    "form-action 'self' https:",
    "base-uri 'none'",
    `frame-ancestors ${frameable ? "*" : "'none'"}`,
  ].join("; ");
}

function html(body: string, status: number, options: { frameable?: boolean; cache?: "no-store" | "short" } = {}): Response {
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": csp(options.frameable ?? false),
    "cache-control": options.cache === "short" ? "public, max-age=60" : "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  if (!options.frameable) headers.set("x-frame-options", "DENY");
  return new Response(body, { status, headers });
}

function json(body: unknown, status: number, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra } });
}

function notFound(frameable = false): Response {
  return html(renderMessageDocument({ heading: "Form not found", message: "This form does not exist or is no longer available." }, { title: "Form not found" }), 404, { frameable });
}

export async function hostedFormResponse(orgSlug: string, formSlug: string, options: { embedded?: boolean } = {}): Promise<Response> {
  const page = await withPublicFormOrgBySlug(orgSlug, async (db, org) => {
    const row = await findPublicForm(db, { slug: formSlug });
    if (!row) return null;
    const form = renderableForm(row, await turnstileSiteKey(db));
    const context = renderContextFor(org.id, row, options.embedded ? "embed" : "hosted");
    return renderFormDocument(form, context, { title: `${row.name} · ${org.name}`, organizationName: org.name, embedded: options.embedded ?? false });
  });
  return page ? html(page, 200, { frameable: options.embedded ?? false }) : notFound(options.embedded);
}

export async function thanksResponse(orgSlug: string, formSlug: string, options: { embedded?: boolean } = {}): Promise<Response> {
  const page = await withPublicFormOrgBySlug(orgSlug, async (db, org) => {
    const row = await findPublicForm(db, { slug: formSlug });
    if (!row) return null;
    const thankYou = parseThankYou(row.thankYou);
    const message = thankYou.kind === "message" ? thankYou.message : "Thank you. We will be in touch.";
    return renderMessageDocument({ heading: "Thank you", message }, { title: `${row.name} · ${org.name}`, embedded: options.embedded ?? false });
  });
  return page ? html(page, 200, { frameable: true, cache: "short" }) : notFound(true);
}

/** NUL and the C0/C1 control characters except tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export type ParsedBody = { ok: true; fields: Map<string, string[]>; malformed: boolean; wantsJson: boolean } | { ok: false; message: string };

/** The body as name → values, size-limited; control characters mark it malformed (refused once the token says whose it is). */
export async function parseSubmissionBody(request: Request): Promise<ParsedBody> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_SUBMISSION_BYTES) return { ok: false, message: "The form is too large." };
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_SUBMISSION_BYTES) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, message: "The form is too large." };
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, message: "The form is not valid UTF-8." };
  }
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json") || type.startsWith("application/json");
  const fields = new Map<string, string[]>();
  const add = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
  if (type.startsWith("application/json")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, message: "The body is not valid JSON." };
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return { ok: false, message: "Send the fields as one JSON object." };
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === "string") add(name, value);
      else if (typeof value === "boolean") add(name, value ? "yes" : "");
      else if (Array.isArray(value) && value.every((v) => typeof v === "string")) for (const v of value) add(name, v);
      else return { ok: false, message: `The field “${name.slice(0, 40)}” must be text or a list of texts.` };
    }
  } else if (type.startsWith("application/x-www-form-urlencoded") || type === "") {
    for (const [name, value] of new URLSearchParams(text)) add(name, value);
  } else {
    return { ok: false, message: "Send the form as application/x-www-form-urlencoded or JSON." };
  }
  let count = 0;
  let malformed = false;
  for (const [name, values] of fields) {
    count += values.length;
    if (name.length > 100 || CONTROL.test(name) || values.some((v) => CONTROL.test(v) || v.length > 10_000)) malformed = true;
  }
  if (count > MAX_FIELDS) return { ok: false, message: "The form has too many fields." };
  return { ok: true, fields, malformed, wantsJson };
}

function thankYouTarget(thankYou: ThankYou, orgSlug: string, formSlug: string, embedded: boolean): string {
  if (thankYou.kind === "url") return thankYou.url;
  return `/f/${orgSlug}/${formSlug}/thanks${embedded ? "?embed=1" : ""}`;
}

function rerenderPage(r: Rerender, status: number): Response {
  const context: FormRenderContext = { action: "/f/submit", token: r.token, via: r.via, values: r.values, errors: r.errors, ...(r.formError ? { formError: r.formError } : {}), ...(r.pageId ? { pageId: r.pageId } : {}) };
  return html(renderFormDocument(r.form, context, { title: r.form.name, embedded: r.via === "embed" }), status, { frameable: r.via === "embed" });
}

const PAGE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+){0,20}$/;

/**
 * A form inside a landing page posts to `/f/submit?page={pageSlug}`: the visitor then lands on that
 * page's own thank-you (`/p/{org}/{page}/thanks`). The organization is the token's; the slug only
 * picks which of its pages thanks them (an unknown one answers 404 there, nothing else).
 */
function pageThanks(outcome: { orgSlug: string; via?: string }, pageSlug: string | null): string | null {
  return outcome.via === "page" && pageSlug && PAGE_SLUG.test(pageSlug) ? `/p/${outcome.orgSlug}/${pageSlug}/thanks` : null;
}

function answer(outcome: IntakeOutcome, wantsJson: boolean, pageSlug: string | null = null): Response {
  switch (outcome.kind) {
    case "accepted":
    case "decoy": {
      if (wantsJson) {
        return json(outcome.thankYou.kind === "url" ? { ok: true, redirect: outcome.thankYou.url } : { ok: true, message: outcome.thankYou.message }, 200);
      }
      const location = pageThanks(outcome, pageSlug) ?? thankYouTarget(outcome.thankYou, outcome.orgSlug, outcome.formSlug, outcome.via === "embed");
      return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
    }
    case "invalid":
      return wantsJson ? json({ ok: false, errors: outcome.rerender.errors, formError: outcome.rerender.formError ?? null, token: outcome.rerender.token }, 422) : rerenderPage(outcome.rerender, 422);
    case "rate_limited": {
      const retry = { "retry-after": String(outcome.retryAfterSeconds) };
      if (wantsJson) return json({ ok: false, errors: {}, formError: outcome.rerender.formError ?? null }, 429, retry);
      const page = rerenderPage(outcome.rerender, 429);
      page.headers.set("retry-after", retry["retry-after"]);
      return page;
    }
    case "bad_request":
      return wantsJson ? json({ ok: false, errors: {}, formError: outcome.message }, 400) : html(renderMessageDocument({ heading: "This form could not be sent", message: outcome.message }, { title: "Form not sent" }), 400, { frameable: true });
    case "not_found":
      return wantsJson ? json({ ok: false, errors: {}, formError: "This form is no longer available." }, 404) : notFound(true);
  }
}

export async function submitResponse(request: Request, deps: IntakeDeps & { deliver?: boolean } = {}): Promise<Response> {
  const parsed = await parseSubmissionBody(request);
  if (!parsed.ok) {
    const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
    return wantsJson ? json({ ok: false, errors: {}, formError: parsed.message }, 400) : html(renderMessageDocument({ heading: "This form could not be sent", message: parsed.message }, { title: "Form not sent" }), 400, { frameable: true });
  }
  const outcome = await receiveSubmission(
    { fields: parsed.fields, malformed: parsed.malformed, ip: clientIpFrom(request.headers), userAgent: request.headers.get("user-agent"), referrer: request.headers.get("referer"), visitorId: null, cookieHeader: request.headers.get("cookie") },
    deps,
  );
  if (outcome.kind === "accepted" && outcome.eventIds.length > 0 && deps.deliver !== false) {
    // Answered first; the job picks the submission up now (or at the next sweep if this fails).
    void deliverOutboxEvents({ eventIds: outcome.eventIds }).catch((error: unknown) => logger.warn({ err: error }, "form intake: delivery deferred to the relay"));
  }
  return answer(outcome, parsed.wantsJson, new URL(request.url).searchParams.get("page"));
}

export function confirmPageResponse(url: URL): Response {
  const token = url.searchParams.get("token") ?? "";
  if (token === "" || token.length > 1_000) return html(renderMessageDocument({ heading: "Link not valid", message: "This confirmation link is incomplete or has expired." }, { title: "Confirm" }), 400);
  return html(renderConfirmDocument({ heading: "Confirm your request", message: "Press the button to confirm that you want to hear from us.", action: "/f/confirm", token, button: "Confirm" }, { title: "Confirm" }), 200);
}

export async function confirmPostResponse(request: Request, now?: Date): Promise<Response> {
  const parsed = await parseSubmissionBody(request);
  if (!parsed.ok || parsed.malformed) return html(renderMessageDocument({ heading: "Link not valid", message: "This confirmation could not be read." }, { title: "Confirm" }), 400);
  const outcome = await confirmSubmission(parsed.fields.get("token")?.[0] ?? "", { ip: clientIpFrom(request.headers), userAgent: request.headers.get("user-agent") }, now);
  if (outcome.kind === "invalid") return html(renderMessageDocument({ heading: "Link not valid", message: "This confirmation link is not valid or has expired." }, { title: "Confirm" }), 400);
  if (outcome.kind === "pending") return html(renderMessageDocument({ heading: "Almost there", message: "Your request is still being processed. Please try the link again in a minute." }, { title: "Confirm" }), 409);
  return html(renderMessageDocument({ heading: "Thank you", message: `Confirmed: ${outcome.organizationName} may now contact you as you asked.` }, { title: "Confirmed" }), 200);
}

function asset(body: string, type: string): Response {
  return new Response(body, { status: 200, headers: { "content-type": type, "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff", "access-control-allow-origin": "*", "cross-origin-resource-policy": "cross-origin" } });
}

export const formsScriptResponse = () => asset(FORMS_SCRIPT, "text/javascript; charset=utf-8");
export const embedScriptResponse = () => asset(EMBED_SCRIPT, "text/javascript; charset=utf-8");
export const formsCssResponse = () => asset(LEAD_FORM_CSS, "text/css; charset=utf-8");
