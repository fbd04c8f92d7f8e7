import { createHash, randomBytes } from "node:crypto";
import { recordLandingPageVisit } from "@mg/api/lead-capture/page-visits";
import { renderContextFor, SUBMIT_PATH } from "@mg/api/lead-forms";
import { loadPublishedPage, loadPublishedThankYou, type PublicPageAddress } from "@mg/api/public-pages";
import type { FormRenderContext, RenderableForm } from "@mg/pages";
import { renderPublishedPageDocument, renderThankYouPage } from "@mg/pages/render";
import { env } from "~/env";
import { errorPage } from "./error-page";
import { baseHeaders, landingPageCsp } from "./headers";
import { pageHtmlCache, type CachedPage } from "./page-cache";

/**
 * GET /p/{orgSlug}/{pageSlug}: the published version as static HTML (docs/lead-capture.md,
 * "Landing pages"). The lookup takes an address object, so a custom domain can later name the
 * organization by host instead of slug.
 */
export interface ServeOptions {
  /**
   * The signed render token of a form on this page, per request (the intake checks it; default:
   * the forms' own, with a fresh submission id and render time). Cached HTML holds a placeholder
   * per form that is replaced by this on every response.
   */
  formToken?: (input: { organizationId: string; pageId: string; form: { id: string; revision: number } }) => string | Promise<string>;
  /** The forms' enhancement script, on this origin (emitted only on pages with a form). */
  formScriptUrl?: string;
}

// Unguessable per process: tenant text can never contain a placeholder by accident.
const PLACEHOLDER = `mg-form-token-${randomBytes(9).toString("base64url")}-`;

function pageFormToken(input: { organizationId: string; pageId: string; form: { id: string; revision: number } }): string {
  return renderContextFor(input.organizationId, input.form, "page", { pageId: input.pageId }).token;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64");
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}

function html(status: number, body: string, headers: Headers): Response {
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { status, headers });
}

function notServed(request: Request, status: 404 | 410): Response {
  const headers = baseHeaders(request);
  headers.set("Content-Security-Policy", landingPageCsp({ scriptHashes: [], hasVideo: false, thankYouOrigin: null, https: false }));
  // Short: a page published a moment later should appear; a gone organization stays gone.
  headers.set("Cache-Control", status === 410 ? "public, max-age=3600" : "public, max-age=0, must-revalidate");
  return html(status, errorPage(status), headers);
}

export async function servePublishedPage(request: Request, address: PublicPageAddress, options: ServeOptions = {}): Promise<Response> {
  const result = await loadPublishedPage(address, (key) => pageHtmlCache.has(key));
  if (result.state === "gone") return notServed(request, 410);
  if (result.state === "not-found") return notServed(request, 404);
  let { meta } = result;
  let page = pageHtmlCache.get(meta.cacheKey);
  if (!page) {
    let content = result.content;
    if (!content) {
      // The cache held the page when asked and has let it go since: load it again, in full.
      const fresh = await loadPublishedPage(address);
      if (fresh.state !== "live" || !fresh.content) return notServed(request, fresh.state === "gone" ? 410 : 404);
      meta = fresh.meta;
      content = fresh.content;
    }
    const { forms: pageForms, content: pageContent, seo, thankYou } = content;
    const forms: Record<string, RenderableForm> = {};
    for (const [ref, { form }] of Object.entries(pageForms)) forms[ref] = form;
    const formContext = (form: RenderableForm): FormRenderContext => ({
      // The plain POST of the intake (no JavaScript needed); it answers with the thank-you.
      action: `${SUBMIT_PATH}?page=${encodeURIComponent(meta.pageSlug)}`,
      token: `${PLACEHOLDER}${form.id}`,
      via: "page",
      pageId: meta.pageId,
    });
    const canonicalUrl = `${env.NEXT_PUBLIC_MARKETING_URL}/p/${meta.org.slug}/${meta.pageSlug}`;
    const rendered = renderPublishedPageDocument({
      content: pageContent,
      seo,
      branding: meta.branding,
      org: { name: meta.org.name, slug: meta.org.slug, timezone: meta.org.timezone },
      forms,
      formContext,
      formScriptUrl: options.formScriptUrl,
      canonicalUrl,
    });
    page = {
      html: rendered.html,
      forms: Object.values(forms).map((f) => ({ id: f.id, revision: f.revision })),
      scriptHashes: rendered.inlineScripts.map(sha256),
      hasVideo: rendered.html.includes("data-mg-video="),
      hasForm: rendered.html.includes("<form"),
      thankYouOrigin: thankYou.kind === "url" ? originOf(thankYou.url) : null,
      etag: `"${sha256(meta.cacheKey).slice(0, 27)}"`,
    } satisfies CachedPage;
    pageHtmlCache.set(meta.cacheKey, page);
  }

  const headers = baseHeaders(request);
  const url = new URL(request.url);
  // The visit (and the attribution cookie, or the consent banner) is per visitor: never cached.
  const visit = await recordLandingPageVisit(request, { organizationId: meta.org.id, pageId: meta.pageId });
  if (visit.setCookie) headers.append("Set-Cookie", visit.setCookie);
  const bannerScript = visit.banner ? /<script>([\s\S]*?)<\/script>/.exec(visit.banner)?.[1] : undefined;
  const scriptHashes = bannerScript ? [...page.scriptHashes, sha256(bannerScript)] : page.scriptHashes;
  headers.set("Content-Security-Policy", landingPageCsp({ scriptHashes, hasVideo: page.hasVideo, thankYouOrigin: page.thankYouOrigin, https: url.protocol === "https:" }));
  if (visit.banner || visit.setCookie) {
    // The consent banner, or a new attribution cookie, makes this response the visitor's own: not
    // shareable, not revalidated by ETag. A visitor who has decided gets the shared page below.
    headers.set("Cache-Control", "private, no-store");
    const body = visit.banner ? page.html.replace("</body>", `${visit.banner}</body>`) : page.html;
    return html(200, await withFormTokens(page, meta, body, options), headers);
  }
  if (!page.hasForm) {
    // The same HTML until the next publish: shared caches may keep it, and must ask again (ETag) each time.
    headers.set("Cache-Control", "public, max-age=0, must-revalidate");
    headers.set("ETag", page.etag);
    if (request.headers.get("if-none-match") === page.etag) return new Response(null, { status: 304, headers });
    return html(200, page.html, headers);
  }
  // A page with a form carries a fresh signed token per response: never stored.
  headers.set("Cache-Control", "private, no-store");
  return html(200, await withFormTokens(page, meta, page.html, options), headers);
}

/** The page's form token placeholders replaced by this response's own signed tokens. */
async function withFormTokens(page: CachedPage, meta: { org: { id: string }; pageId: string }, body: string, options: ServeOptions): Promise<string> {
  const formToken = options.formToken ?? pageFormToken;
  let out = body;
  for (const form of page.forms) {
    const token = await formToken({ organizationId: meta.org.id, pageId: meta.pageId, form });
    out = out.replaceAll(`${PLACEHOLDER}${form.id}`, escapeAttribute(token));
  }
  return out;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** GET /p/{orgSlug}/{pageSlug}/thanks: the page's thank-you message, or a redirect to its thank-you address. */
export async function serveThankYou(request: Request, address: PublicPageAddress): Promise<Response> {
  const result = await loadPublishedThankYou(address);
  if (result.state === "gone") return notServed(request, 410);
  if (result.state === "not-found") return notServed(request, 404);
  const headers = baseHeaders(request);
  headers.set("Cache-Control", "private, no-store");
  if (result.thankYou.kind === "url") {
    headers.set("Location", result.thankYou.url);
    return new Response(null, { status: 303, headers });
  }
  headers.set("Content-Security-Policy", landingPageCsp({ scriptHashes: [], hasVideo: false, thankYouOrigin: null, https: new URL(request.url).protocol === "https:" }));
  const body = renderThankYouPage({ message: result.thankYou.message, pageTitle: result.title, backHref: `/p/${result.org.slug}/${address.pageSlug}`, branding: result.branding, org: result.org });
  return html(200, body, headers);
}
