import { createElement, type ReactNode } from "react";
import { brandingCssVariables, type Branding } from "../branding";
import { safeImage } from "../blocks/shared";
import { pageConfig } from "../config";
import type { FormRenderContext, RenderableForm } from "../forms/types";
import type { PageData, PageSeo } from "../schema";
import { contextMetadata, type BlockRenderContext } from "./context";
import { ENHANCE_SCRIPT } from "./enhance-script";
import { LEAD_FORM_CSS } from "../forms/styles";
import { PAGE_CSS } from "./page-css";

/**
 * The forms' stylesheet as a landing page needs it: without its dark-mode colours, since a page
 * is in its organization's (light) branding whatever the visitor's system prefers — light text of
 * a dark scheme on the page's white would be unreadable.
 */
const LANDING_FORM_CSS = LEAD_FORM_CSS.replace(/^@media \(prefers-color-scheme:dark\)\{.*\}\}$/gm, "");
import { renderToStaticHtml } from "./static-html";

export interface PublishedPageOrg {
  name: string;
  slug: string;
  /** IANA zone: dates on the page (countdowns) are shown in it. */
  timezone: string;
}

export interface RenderPublishedPageInput {
  /** Validated page data (parsePageData): the published version's content. */
  content: PageData;
  seo: PageSeo;
  branding: Branding;
  org: PublishedPageOrg;
  /** The forms the page's Form blocks name, keyed by the block's reference. Missing ones render nothing. */
  forms?: Record<string, RenderableForm>;
  /** Where each form posts and its signed render token (from the forms work). */
  formContext?: (form: RenderableForm) => FormRenderContext;
  /**
   * The forms' enhancement script (inline validation, no reload), by URL on our own origin —
   * emitted once, deferred, only when the page shows a form. The page works without it.
   */
  formScriptUrl?: string;
  /** The page's public address, for the canonical link and og:url. */
  canonicalUrl?: string;
  /** `<html lang>`. */
  lang?: string;
  now?: Date;
  /** How many leading blocks count as the first viewport (their images load eagerly). */
  aboveFoldBlocks?: number;
}

export interface RenderedPage {
  html: string;
  /** Form references that were not among `forms` (rendered as nothing). */
  missingForms: string[];
  /** Inline script bodies in the document, for the CSP's hashes. */
  inlineScripts: string[];
}

type BlockRender = (props: Record<string, unknown>) => ReactNode;

/**
 * The page data through the block library, as Puck's server `Render` walks it (each block's
 * render with its props and a `puck` context; the root's render around them) — done here so
 * published pages need neither Puck's runtime nor react-dom/server (see static-html.ts).
 */
export function renderBlocks(content: PageData, metadata: Record<string, unknown>): ReactNode {
  const puck = { metadata, isEditing: false, dragRef: null, renderDropZone: () => null };
  const blocks = content.content.map((item) => {
    const component = pageConfig.components[item.type];
    return createElement(component.render as BlockRender, { ...item.props, key: item.props.id, puck, editMode: false });
  });
  const root = pageConfig.root?.render as BlockRender | undefined;
  return root ? createElement(root, { ...content.root.props, id: "puck-root", puck, editMode: false, children: blocks }) : blocks;
}

function usesEnhancement(content: PageData): boolean {
  return content.content.some((b) => (b.type === "Countdown" && b.props.endsAt !== "") || (b.type === "Video" && b.props.url !== ""));
}

/**
 * A published page as a complete HTML document: one inline stylesheet (the block CSS and the
 * branding as custom properties), the page's SEO tags, the blocks rendered by Puck's server
 * `Render` walk (renderBlocks) to static markup (every text prop escaped), and at most the page's tiny
 * enhancement script plus the forms' deferred script. No framework runtime.
 */
export function renderPublishedPageDocument(input: RenderPublishedPageInput): RenderedPage {
  const { content, seo, branding, org } = input;
  const missing = new Set<string>();
  const context: BlockRenderContext = {
    mode: "published",
    timeZone: org.timezone,
    locale: input.lang ?? "en",
    forms: input.forms ?? {},
    formContext: input.formContext,
    aboveFold: new Set(content.content.slice(0, input.aboveFoldBlocks ?? 2).map((b) => b.props.id)),
    now: input.now ?? new Date(),
    missingForms: missing,
  };
  // Render first: the Form blocks report which forms actually made it onto the page.
  const body = renderToStaticHtml(renderBlocks(content, contextMetadata(context)));
  const hasForm = body.includes("<form");
  const inlineScripts = usesEnhancement(content) ? [ENHANCE_SCRIPT] : [];

  const title = seo.title || content.root.props.title || org.name;
  const socialImage = safeImage(seo.socialImageUrl);
  const brandName = branding.productName || org.name;
  const logo = branding.logoUrl ? safeImage(branding.logoUrl) : undefined;
  // The forms' stylesheet inline on pages with a form: one request fewer before the form paints.
  const css = `:root{${brandingCssVariables(branding)}}${PAGE_CSS}${hasForm ? LANDING_FORM_CSS : ""}`;

  // A whole document rendered outside Next.js: next/head does not apply.
  const head: ReactNode = (
    // eslint-disable-next-line @next/next/no-head-element
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      {seo.description ? <meta name="description" content={seo.description} /> : null}
      {seo.noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
      {input.canonicalUrl ? <link rel="canonical" href={input.canonicalUrl} /> : null}
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      {seo.description ? <meta property="og:description" content={seo.description} /> : null}
      {input.canonicalUrl ? <meta property="og:url" content={input.canonicalUrl} /> : null}
      <meta property="og:site_name" content={brandName} />
      {socialImage ? <meta property="og:image" content={socialImage} /> : null}
      <meta name="twitter:card" content={socialImage ? "summary_large_image" : "summary"} />
      {/* Our CSS and validated hex colors / fixed font stacks only: nothing a tenant typed verbatim. */}
      <style dangerouslySetInnerHTML={{ __html: css }} />
    </head>
  );
  const document = renderToStaticHtml(
    <html lang={input.lang ?? "en"}>
      {head}
      <body>
        <a className="mg-skip" href="#main">
          Skip to content
        </a>
        <header className="mg-header">
          <div className="mg-wrap">
            {logo ? (
              // eslint-disable-next-line @next/next/no-img-element -- static HTML, no Next image component
              <img src={logo} alt={brandName} height={40} />
            ) : (
              <span className="mg-brand">{brandName}</span>
            )}
          </div>
        </header>
        {"\u0000BODY\u0000"}
        <footer className="mg-footer">
          <div className="mg-wrap">
            © {(input.now ?? new Date()).getUTCFullYear()} {org.name}
          </div>
        </footer>
        {inlineScripts.map((s, i) => (
          <script key={i} dangerouslySetInnerHTML={{ __html: s }} />
        ))}
        {hasForm && input.formScriptUrl ? <script src={input.formScriptUrl} defer /> : null}
      </body>
    </html>,
  );
  // The body was rendered once above; splice it in rather than render the blocks twice. React
  // escapes NUL in text as-is, and no tenant text can hold NUL (the schema refuses control characters).
  const html = `<!doctype html>${document.replace("\u0000BODY\u0000", body)}`;
  return { html, missingForms: [...missing], inlineScripts };
}

/** The published page's HTML (see renderPublishedPageDocument for what else a caller may want). */
export function renderPublishedPage(input: RenderPublishedPageInput): string {
  return renderPublishedPageDocument(input).html;
}
