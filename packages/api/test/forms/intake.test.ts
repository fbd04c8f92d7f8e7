import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { deliverOutboxEvents } from "@mg/jobs";
import { encryptSecret } from "@mg/integrations/crypto";
import { PEER_ADDRESS_HEADER } from "../../src/client-ip";
import { hostedFormResponse, submitResponse, thanksResponse, confirmPostResponse, confirmPageResponse, parseSubmissionBody, MAX_SUBMISSION_BYTES } from "../../src/services/lead-forms/http";
import { formForPage, renderContextFor } from "../../src/services/lead-forms/render";
import { withPublicFormOrgById } from "../../src/services/lead-forms/public-entry";
import { processFormSubmission, MAX_PROCESS_ATTEMPTS } from "../../src/services/lead-forms/process";
import { sendFormMail } from "../../src/services/lead-forms/mail";
import { signRenderToken, verifyRenderToken } from "../../src/services/lead-forms/token";
import { siblingSubmissionId } from "../../src/services/lead-forms/intake";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";
import { freshForm } from "./fixtures";

/**
 * The public intake end to end against the real database: what the marketing site's route
 * handlers serve (they only call these functions). Each test uses its own client IP so the
 * per-IP limit of one test never refuses another's.
 */
let a: Tenant;
let b: Tenant;
let turnstile: Server;
let turnstileUrl: string;
const turnstileCalls: URLSearchParams[] = [];

const later = () => new Date(Date.now() + 3_000);
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

function post(fields: Record<string, string | string[]>, options: { ip?: string; json?: boolean; headers?: Record<string, string> } = {}): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request("http://site.test/f/submit", {
    method: "POST",
    body: options.json ? JSON.stringify(fields) : body,
    headers: {
      "content-type": options.json ? "application/json" : "application/x-www-form-urlencoded",
      [PEER_ADDRESS_HEADER]: options.ip ?? ip(),
      "user-agent": "vitest-browser/1.0",
      referer: "https://shop.example/landing?utm_source=flyer&utm_campaign=spring",
      ...(options.json ? { accept: "application/json" } : {}),
      ...options.headers,
    },
  });
}

function tokenFor(orgId: string, form: { id: string; revision: number }, now = new Date()): string {
  return renderContextFor(orgId, form, "hosted", { now }).token;
}

async function submissions(formId: string) {
  return systemDb().formSubmission.findMany({ where: { formId }, orderBy: { receivedAt: "asc" } });
}

async function refusals(formId: string) {
  const rows = await systemDb().formRefusalCount.findMany({ where: { formId } });
  return Object.fromEntries(rows.map((r) => [r.reason, r.count]));
}

const send = (req: Request, now = later()) => submitResponse(req, { now, deliver: false, turnstileEndpoint: turnstileUrl });

beforeAll(async () => {
  a = await createTenant("forms-a");
  b = await createTenant("forms-b");
  turnstile = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const params = new URLSearchParams(raw);
      turnstileCalls.push(params);
      const ok = params.get("secret") === "turnstile-secret" && params.get("response") === "human-token";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { success: true, "error-codes": [] } : { success: false, "error-codes": ["invalid-input-response"] }));
    });
  });
  await new Promise<void>((resolve) => turnstile.listen(0, "127.0.0.1", resolve));
  turnstileUrl = `http://127.0.0.1:${(turnstile.address() as AddressInfo).port}/turnstile/v0/siteverify`;
});

afterAll(async () => {
  await new Promise((resolve) => turnstile.close(resolve));
  await deleteTenant(a);
  await deleteTenant(b);
});

describe("hosted page", () => {
  it("renders plain HTML with the token, a hidden honeypot and unticked consents, under a CSP without inline script", async () => {
    const form = await freshForm(a);
    const res = await hostedFormResponse(a.slug, form.slug);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('name="_token"');
    expect(page).toMatch(/<div class="mg-hp" aria-hidden="true">/);
    const honeypot = /<input[^>]*name="_hp_website"[^>]*>/.exec(page)?.[0] ?? "";
    expect(honeypot).toMatch(/tabindex="-1"/i);
    expect(honeypot).toMatch(/autocomplete="off"/i);
    expect(page).toMatch(/<input[^>]*type="checkbox"[^>]*name="_consent" value="newsletter"/);
    expect(page).not.toMatch(/name="_consent"[^>]*checked/);
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
    expect(page).not.toContain("style=");
    expect(page.match(/<fieldset class="mg-step"/g)).toHaveLength(2);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).not.toContain("unsafe-inline");
  });

  it("the embed page may be framed by any site; the hosted page may not", async () => {
    const form = await freshForm(a);
    const embed = await hostedFormResponse(a.slug, form.slug, { embedded: true });
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect((await hostedFormResponse(a.slug, form.slug)).headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers 404 for A's slug with B's form slug, an archived form, and a suspended organization", async () => {
    const formOfB = await freshForm(b);
    expect((await hostedFormResponse(a.slug, formOfB.slug)).status).toBe(404);
    expect((await hostedFormResponse(b.slug, formOfB.slug)).status).toBe(200);
    const archived = await freshForm(a, { status: "ARCHIVED" });
    expect((await hostedFormResponse(a.slug, archived.slug)).status).toBe(404);
    const suspended = await systemDb().organization.create({ data: { name: "Suspended", slug: `suspended-${randomUUID().slice(0, 8)}`, status: "SUSPENDED", plan: "PROFESSIONAL" } });
    const form = await freshForm({ id: suspended.id });
    expect((await hostedFormResponse(suspended.slug, form.slug)).status).toBe(404);
    await systemDb().organization.delete({ where: { id: suspended.id } });
  });
});

describe("intake", () => {
  it("stores the submission with its event and answers 303 to the thank-you page; a double click is the same row and the same answer", async () => {
    const form = await freshForm(a);
    const fields = { _token: tokenFor(a.id, form), _hp_website: "", first_name: "Ann", email: "ann@example.com", message: "Two cakes", _consent: "newsletter" };
    const first = await send(post(fields));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/f/${a.slug}/${form.slug}/thanks`);
    const again = await send(post(fields));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    const rows = await submissions(form.id);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.status).toBe("RECEIVED");
    const events = await systemDb().eventOutbox.findMany({ where: { eventId: `form-submission:${row?.id}` } });
    expect(events).toHaveLength(1);
    expect(events[0]?.status).toBe("PENDING");
  });

  it("processing twice makes one contact event; the contact carries consent, attribution and the timeline entry", async () => {
    const form = await freshForm(a);
    const email = `bea-${randomUUID().slice(0, 6)}@example.com`;
    const token = tokenFor(a.id, form);
    await send(post({ _token: token, first_name: "Bea", email, _consent: "newsletter", _page: "https://shop.example/cakes?utm_source=qr&utm_medium=print" }));
    const [row] = await submissions(form.id);
    if (!row) throw new Error("no submission");
    const results = await Promise.all([processFormSubmission({ organizationId: a.id, submissionId: row.id }), processFormSubmission({ organizationId: a.id, submissionId: row.id })]);
    expect(results.map((r) => r.status).sort()).toEqual(["processed", "skipped"]);
    const again = await processFormSubmission({ organizationId: a.id, submissionId: row.id });
    expect(again).toEqual({ status: "skipped", reason: "already-processed" });
    const contacts = await systemDb().contact.findMany({ where: { organizationId: a.id, primaryEmail: email } });
    expect(contacts).toHaveLength(1);
    const contact = contacts[0];
    expect(contact?.firstName).toBe("Bea");
    expect(contact?.source).toBe("form");
    expect(contact?.firstTouch).toMatchObject({ utmSource: "qr", utmMedium: "print", landingPage: "https://shop.example/cakes?utm_source=qr&utm_medium=print" });
    const submitted = await systemDb().activity.findMany({ where: { organizationId: a.id, contactId: contact?.id, kind: "FORM_SUBMITTED" } });
    expect(submitted).toHaveLength(1);
    const consents = await systemDb().consentRecord.findMany({ where: { organizationId: a.id, contactId: contact?.id } });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ channel: "EMAIL", purpose: "marketing", status: "GRANTED", method: "form", wordingVersion: `${form.id}:newsletter:v1`, wording: "Send me news and offers by email.", userAgent: "vitest-browser/1.0" });
    expect(consents[0]?.pageUrl).toBe("https://shop.example/cakes?utm_source=qr&utm_medium=print");
    expect(consents[0]?.ip).toMatch(/^10\./);
    const processed = await systemDb().formSubmission.findFirst({ where: { id: row.id } });
    expect(processed).toMatchObject({ status: "PROCESSED", contactId: contact?.id, attempts: 1 });
    const alert = await systemDb().alert.findMany({ where: { organizationId: a.id, dedupeKey: `lead:${row.id}` } });
    expect(alert).toHaveLength(1);
    const nurture = await systemDb().eventOutbox.findMany({ where: { eventId: `lead-submitted:${row.id}` } });
    expect(nurture).toHaveLength(1);
  });

  it("a second submission with the same email updates the same contact (filled in, never overwritten)", async () => {
    const form = await freshForm(a);
    const email = `cara-${randomUUID().slice(0, 6)}@example.com`;
    for (const name of ["Cara", "Mallory"]) {
      await send(post({ _token: tokenFor(a.id, form), first_name: name, email: email.toUpperCase() }));
    }
    const rows = await submissions(form.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) await processFormSubmission({ organizationId: a.id, submissionId: row.id });
    const contacts = await systemDb().contact.findMany({ where: { organizationId: a.id, primaryEmail: email } });
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.firstName).toBe("Cara");
    expect(await systemDb().activity.count({ where: { contactId: contacts[0]?.id, kind: "FORM_SUBMITTED" } })).toBe(2);
  });

  it("a cached page's shared token never loses a different visitor's lead", async () => {
    const form = await freshForm(a);
    const token = tokenFor(a.id, form);
    await send(post({ _token: token, email: "first@example.com" }));
    await send(post({ _token: token, email: "second@example.com" }));
    await send(post({ _token: token, email: "second@example.com" }));
    const rows = await submissions(form.id);
    expect(rows.map((r) => (r.values as { email: string }).email).sort()).toEqual(["first@example.com", "second@example.com"]);
    expect(rows.some((r) => r.id === siblingSubmissionId(rows[0]?.id ?? "", { email: "second@example.com" }))).toBe(true);
  });

  it("answers JSON to the enhancement script (message, or the redirect URL)", async () => {
    const form = await freshForm(a, { thankYou: { kind: "url", url: "https://shop.example/thanks" } });
    const res = await send(post({ _token: tokenFor(a.id, form), email: "json@example.com" }, { json: true }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, redirect: "https://shop.example/thanks" });
    const invalid = await send(post({ _token: tokenFor(a.id, form), email: "not-an-email" }, { json: true }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors).toEqual({ email: "Enter a valid email address." });
  });
});

describe("spam layers, each counted", () => {
  it("the honeypot: answered like a success, stored nowhere", async () => {
    const form = await freshForm(a);
    const res = await send(post({ _token: tokenFor(a.id, form), _hp_website: "http://spam.example", email: "bot@example.com" }));
    expect(res.status).toBe(303);
    expect(await submissions(form.id)).toHaveLength(0);
    expect(await refusals(form.id)).toEqual({ honeypot: 1 });
  });

  it("too fast (< 2 s) and too old (> 24 h) are refused", async () => {
    const form = await freshForm(a);
    const issued = new Date();
    const fast = await send(post({ _token: tokenFor(a.id, form, issued), email: "fast@example.com" }), new Date(issued.getTime() + 500));
    expect(fast.status).toBe(422);
    expect(await fast.text()).toContain("quicker than a person");
    const old = await send(post({ _token: tokenFor(a.id, form, new Date(Date.now() - 25 * 3_600_000)), email: "old@example.com" }));
    expect(old.status).toBe(422);
    expect(await submissions(form.id)).toHaveLength(0);
    expect(await refusals(form.id)).toEqual({ too_fast: 1, expired: 1 });
  });

  it("a tampered or foreign-signed token is 400", async () => {
    const form = await freshForm(a);
    const token = tokenFor(a.id, form);
    const [body, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body ?? "", "base64url").toString()), o: b.id })).toString("base64url");
    expect((await send(post({ _token: `${forged}.${mac}`, email: "x@example.com" }))).status).toBe(400);
    expect((await send(post({ _token: "", email: "x@example.com" }))).status).toBe(400);
    expect(await submissions(form.id)).toHaveLength(0);
  });

  it("per IP and form: the 11th submission in the sliding window gets 429 with Retry-After", async () => {
    const form = await freshForm(a);
    const from = ip();
    for (let i = 0; i < 10; i += 1) {
      const ok = await send(post({ _token: tokenFor(a.id, form), email: `rate-${i}@example.com` }, { ip: from }));
      expect(ok.status).toBe(303);
    }
    const refused = await send(post({ _token: tokenFor(a.id, form), email: "rate-11@example.com" }, { ip: from }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const json = await send(post({ _token: tokenFor(a.id, form), email: "rate-12@example.com" }, { ip: from, json: true }));
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address still gets through: the limit is per IP and form.
    expect((await send(post({ _token: tokenFor(a.id, form), email: "other-ip@example.com" }))).status).toBe(303);
    expect(await submissions(form.id)).toHaveLength(11);
    expect(await refusals(form.id)).toEqual({ rate_limited_ip: 2 });
  });

  it("a disposable address is refused with a message on its field", async () => {
    const form = await freshForm(a);
    const res = await send(post({ _token: tokenFor(a.id, form), email: "someone@mailinator.com" }, { json: true }));
    expect(res.status).toBe(422);
    expect((await res.json()).errors.email).toContain("permanent email address");
    expect(await refusals(form.id)).toEqual({ disposable_email: 1 });
  });

  it("Turnstile, when the organization configured keys, is verified against siteverify", async () => {
    const org = await systemDb().organization.create({ data: { name: "Turnstile Co", slug: `turnstile-${randomUUID().slice(0, 8)}`, status: "ACTIVE", plan: "PROFESSIONAL" } });
    await systemDb().leadCaptureSettings.create({ data: { organizationId: org.id, turnstileSiteKey: "0x4AAAAAAAtest", turnstileSecretEnc: encryptSecret("turnstile-secret") } });
    const form = await freshForm({ id: org.id });
    const page = await (await hostedFormResponse(org.slug, form.slug)).text();
    expect(page).toContain('class="cf-turnstile" data-sitekey="0x4AAAAAAAtest"');
    const from = ip();
    const failed = await send(post({ _token: tokenFor(org.id, form), email: "robot@example.com", "cf-turnstile-response": "bot-token" }, { ip: from }));
    expect(failed.status).toBe(422);
    const passed = await send(post({ _token: tokenFor(org.id, form), email: "human@example.com", "cf-turnstile-response": "human-token" }, { ip: from }));
    expect(passed.status).toBe(303);
    const call = turnstileCalls.at(-1);
    expect(call?.get("remoteip")).toBe(from);
    expect(call?.get("secret")).toBe("turnstile-secret");
    expect(await submissions(form.id)).toHaveLength(1);
    expect(await refusals(form.id)).toEqual({ captcha_failed: 1 });
    // siteverify unreachable: a failed check, never a pass.
    const down = await submitResponse(post({ _token: tokenFor(org.id, form), email: "human2@example.com", "cf-turnstile-response": "human-token" }), { now: later(), deliver: false, turnstileEndpoint: "http://127.0.0.1:9/siteverify" });
    expect(down.status).toBe(422);
    expect(await refusals(form.id)).toEqual({ captcha_failed: 2 });
    await systemDb().organization.delete({ where: { id: org.id } });
  });
});

describe("landing pages' Form block", () => {
  it("formForPage renders the page organization's form with a fresh token naming the page", async () => {
    const form = await freshForm(a);
    const pageId = randomUUID();
    const found = await withPublicFormOrgById(a.id, (db) => formForPage(db, a.id, form.id, pageId));
    expect(found?.form.steps).toHaveLength(2);
    expect(verifyRenderToken(found?.context.token ?? "")).toMatchObject({ organizationId: a.id, formId: form.id, via: "page", pageId });
    const other = await freshForm(b);
    expect(await withPublicFormOrgById(a.id, (db) => formForPage(db, a.id, other.id, pageId))).toBeNull();
  });
});

describe("isolation", () => {
  it("a token for A's form with a payload claiming B lands in A only", async () => {
    const formA = await freshForm(a);
    const formB = await freshForm(b);
    const res = await send(post({ _token: tokenFor(a.id, formA), email: "claims-b@example.com", organizationId: b.id, organization_id: b.id, formId: formB.id, form_id: formB.id, _org: b.slug }));
    expect(res.status).toBe(303);
    expect(await submissions(formA.id)).toHaveLength(1);
    expect(await submissions(formB.id)).toHaveLength(0);
    expect(await systemDb().formSubmission.count({ where: { organizationId: b.id } })).toBe(0);
    const [row] = await submissions(formA.id);
    expect(row?.values).toEqual({ email: "claims-b@example.com" });
  });

  it("a token (validly signed) naming A with B's form is refused: the form must be the organization's", async () => {
    const formB = await freshForm(b);
    const token = signRenderToken({ organizationId: a.id, formId: formB.id, revision: 1, submissionId: randomUUID(), issuedAt: new Date(), via: "hosted" });
    const res = await send(post({ _token: token, email: "cross@example.com" }));
    expect(res.status).toBe(404);
    expect(await submissions(formB.id)).toHaveLength(0);
  });

  it("a submission for a suspended organization is not accepted", async () => {
    const org = await systemDb().organization.create({ data: { name: "Later suspended", slug: `later-${randomUUID().slice(0, 8)}`, status: "ACTIVE", plan: "PROFESSIONAL" } });
    const form = await freshForm({ id: org.id });
    const token = tokenFor(org.id, form);
    await systemDb().organization.update({ where: { id: org.id }, data: { status: "SUSPENDED" } });
    expect((await send(post({ _token: token, email: "late@example.com" }))).status).toBe(404);
    expect(await submissions(form.id)).toHaveLength(0);
    await systemDb().organization.delete({ where: { id: org.id } });
  });
});

describe("hostile input", () => {
  const script = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

  it("script in every field is stored verbatim and rendered inert on the re-rendered form and the thank-you page", async () => {
    const form = await freshForm(a, { thankYou: { kind: "message", message: `Thanks ${script}` } });
    const fields = { _token: tokenFor(a.id, form), first_name: script, email: "hostile@example.com", message: script, size: "s" };
    expect((await send(post(fields))).status).toBe(303);
    const [row] = await submissions(form.id);
    expect(row?.values).toEqual({ first_name: script, email: "hostile@example.com", message: script, size: "s" });
    const rerender = await send(post({ ...fields, _token: tokenFor(a.id, form), email: `${script}@x` }));
    expect(rerender.status).toBe(422);
    const html = await rerender.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert");
    const thanks = await (await thanksResponse(a.slug, form.slug)).text();
    expect(thanks).not.toContain("<script>alert");
    expect(thanks).toContain("Thanks &lt;script&gt;");
  });

  it("NUL and control characters are 400 (and counted); an oversize body is 400", async () => {
    const form = await freshForm(a);
    const nul = await send(post({ _token: tokenFor(a.id, form), email: "nul@example.com", message: "a\u0000b" }));
    expect(nul.status).toBe(400);
    const bell = await send(post({ _token: tokenFor(a.id, form), email: "bell@example.com", first_name: "x\u0007" }, { json: true }));
    expect(bell.status).toBe(400);
    const big = await send(post({ _token: tokenFor(a.id, form), email: "big@example.com", message: "x".repeat(MAX_SUBMISSION_BYTES + 10) }));
    expect(big.status).toBe(400);
    expect(await submissions(form.id)).toHaveLength(0);
    expect(await refusals(form.id)).toEqual({ invalid_input: 2 });
    const parsed = await parseSubmissionBody(new Request("http://x/", { method: "POST", body: "{", headers: { "content-type": "application/json" } }));
    expect(parsed.ok).toBe(false);
  });
});

describe("the intake job", () => {
  it("retries after a failure: the attempt and error are recorded, then it succeeds; FAILED after its attempts", async () => {
    const form = await freshForm(a);
    await send(post({ _token: tokenFor(a.id, form), email: "retry@example.com" }));
    const [row] = await submissions(form.id);
    if (!row) throw new Error("no submission");
    // Break it: no email or phone to file the lead under.
    await systemDb().formSubmission.update({ where: { organizationId_id: { organizationId: a.id, id: row.id } }, data: { values: { email: "broken" } } });
    await expect(processFormSubmission({ organizationId: a.id, submissionId: row.id })).rejects.toThrow();
    const failed = await systemDb().formSubmission.findFirst({ where: { id: row.id } });
    expect(failed).toMatchObject({ status: "RECEIVED", attempts: 1 });
    expect(failed?.lastError).toContain("neither a valid email address");
    await systemDb().formSubmission.update({ where: { organizationId_id: { organizationId: a.id, id: row.id } }, data: { values: { email: "retry@example.com" } } });
    // Through the outbox relay, as the local scheduler delivers it.
    const relay = await deliverOutboxEvents({ eventIds: [`form-submission:${row.id}`] });
    expect(relay.sent).toBe(1);
    expect(await systemDb().formSubmission.findFirst({ where: { id: row.id } })).toMatchObject({ status: "PROCESSED", lastError: null });

    await send(post({ _token: tokenFor(a.id, form), email: "never@example.com" }));
    const stuck = (await submissions(form.id)).find((r) => (r.values as { email?: string }).email === "never@example.com");
    if (!stuck) throw new Error("no submission");
    await systemDb().formSubmission.update({ where: { organizationId_id: { organizationId: a.id, id: stuck.id } }, data: { values: {}, attempts: MAX_PROCESS_ATTEMPTS - 1 } });
    await expect(processFormSubmission({ organizationId: a.id, submissionId: stuck.id })).rejects.toThrow();
    expect(await systemDb().formSubmission.findFirst({ where: { id: stuck.id } })).toMatchObject({ status: "FAILED", attempts: MAX_PROCESS_ATTEMPTS });
  });

  it("mails the owner once, with the visitor's text escaped", async () => {
    const form = await freshForm(a, { ownerUserId: a.users.OWNER.id });
    await send(post({ _token: tokenFor(a.id, form), first_name: "<b>Dan</b>", email: "dan@example.com" }));
    const [row] = await submissions(form.id);
    if (!row) throw new Error("no submission");
    await processFormSubmission({ organizationId: a.id, submissionId: row.id });
    const contact = await systemDb().contact.findFirst({ where: { organizationId: a.id, primaryEmail: "dan@example.com" } });
    expect(contact?.ownerUserId).toBe(a.users.OWNER.id);
    const sent: { to: string; html?: string }[] = [];
    const mail = (m: { to: string; html?: string }) => (sent.push(m), Promise.resolve());
    expect(await sendFormMail({ organizationId: a.id, submissionId: row.id, kind: "owner" }, { send: mail })).toEqual({ sent: true });
    expect(await sendFormMail({ organizationId: a.id, submissionId: row.id, kind: "owner" }, { send: mail })).toEqual({ sent: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(a.users.OWNER.email);
    expect(sent[0]?.html).toContain("&lt;b&gt;Dan&lt;/b&gt;");
  });

  it("assigns by round robin when the form has no owner", async () => {
    const org = await systemDb().organization.create({ data: { name: "Round robin", slug: `rr-${randomUUID().slice(0, 8)}`, status: "ACTIVE", plan: "PROFESSIONAL" } });
    const members = [a.users.CONTENT_EDITOR.id, a.users.ANALYST.id];
    for (const userId of members) await systemDb().membership.create({ data: { organizationId: org.id, userId, role: "CONTENT_EDITOR" } });
    await systemDb().leadCaptureSettings.create({ data: { organizationId: org.id, roundRobinUserIds: members } });
    const form = await freshForm({ id: org.id });
    for (const n of [1, 2, 3]) await send(post({ _token: tokenFor(org.id, form), email: `rr-${n}@example.com` }));
    for (const row of await submissions(form.id)) await processFormSubmission({ organizationId: org.id, submissionId: row.id });
    const owners = (await systemDb().contact.findMany({ where: { organizationId: org.id }, orderBy: { createdAt: "asc" }, select: { ownerUserId: true } })).map((c) => c.ownerUserId);
    expect(owners).toEqual([members[0], members[1], members[0]]);
    await systemDb().organization.delete({ where: { id: org.id } });
  });
});

describe("double opt-in", () => {
  it("grants marketing consent only once the visitor confirms (GET shows a button, POST confirms once)", async () => {
    const form = await freshForm(a, { doubleOptIn: true });
    const email = `erin-${randomUUID().slice(0, 6)}@example.com`;
    await send(post({ _token: tokenFor(a.id, form), email, _consent: "newsletter" }));
    const [row] = await submissions(form.id);
    if (!row) throw new Error("no submission");
    await processFormSubmission({ organizationId: a.id, submissionId: row.id });
    const contact = await systemDb().contact.findFirst({ where: { organizationId: a.id, primaryEmail: email } });
    expect(await systemDb().consentRecord.count({ where: { contactId: contact?.id } })).toBe(0);
    expect(await systemDb().eventOutbox.count({ where: { eventId: `form-mail:${row.id}:confirm` } })).toBe(1);

    const sent: { to: string; text: string }[] = [];
    await sendFormMail({ organizationId: a.id, submissionId: row.id, kind: "confirm" }, { send: (m) => (sent.push(m), Promise.resolve()) });
    expect(sent[0]?.to).toBe(email);
    const link = /https?:\/\/\S+\/f\/confirm\?token=(\S+)/.exec(sent[0]?.text ?? "");
    if (!link?.[1]) throw new Error("no confirmation link");
    const token = decodeURIComponent(link[1]);
    const page = await confirmPageResponse(new URL(`http://site.test/f/confirm?token=${encodeURIComponent(token)}`)).text();
    expect(page).toMatch(/<form class="mg-form"[^>]*action="\/f\/confirm"/);
    expect(page).toMatch(/<form class="mg-form"[^>]*method="post"/);
    expect(await systemDb().consentRecord.count({ where: { contactId: contact?.id } })).toBe(0);

    const confirm = () => confirmPostResponse(new Request("http://site.test/f/confirm", { method: "POST", body: new URLSearchParams({ token }), headers: { "content-type": "application/x-www-form-urlencoded", [PEER_ADDRESS_HEADER]: "192.0.2.7", "user-agent": "mail-client" } }));
    expect((await confirm()).status).toBe(200);
    expect((await confirm()).status).toBe(200);
    const consents = await systemDb().consentRecord.findMany({ where: { contactId: contact?.id } });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ method: "double_opt_in", status: "GRANTED", ip: "192.0.2.7", userAgent: "mail-client", wordingVersion: `${form.id}:newsletter:v1` });
    expect((await systemDb().formSubmission.findFirst({ where: { id: row.id } }))?.confirmedAt).toBeInstanceOf(Date);
    const tampered = await confirmPostResponse(new Request("http://site.test/f/confirm", { method: "POST", body: new URLSearchParams({ token: `${token}x` }), headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect(tampered.status).toBe(400);
  });
});
