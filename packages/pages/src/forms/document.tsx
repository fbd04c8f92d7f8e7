/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { ReactNode } from "react";
import { renderToStaticHtml } from "../render/static-html";
import { LeadFormMarkup } from "./lead-form-markup";
import type { FormRenderContext, RenderableForm } from "./types";

/**
 * Whole HTML documents for the public form surfaces (the hosted page and share link, the iframe of
 * the script embed, the thank-you page, the double opt-in confirmation). Static HTML from
 * renderToStaticHtml (render/static-html.ts: route handlers cannot load react-dom/server): every
 * tenant-written string is escaped; the only script is `/forms.js` and the
 * only stylesheet `/forms.css`, both from this site, so the CSP needs no nonce and no inline code.
 */
export interface FormDocumentOptions {
  title: string;
  /** The organization's name, shown above a hosted form. */
  organizationName?: string;
  /** The iframe of the script embed: no heading, tighter spacing. */
  embedded?: boolean;
  /** Base URL the assets are served from ("" = this site). */
  assetBase?: string;
  noindex?: boolean;
}

// A whole document rendered to a string by a route handler (no Next page): next/head does not apply.
/* eslint-disable @next/next/no-head-element */
function Shell({ options, children }: { options: FormDocumentOptions; children: ReactNode }) {
  const base = options.assetBase ?? "";
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {options.noindex !== false ? <meta name="robots" content="noindex" /> : null}
        <title>{options.title}</title>
        <link rel="stylesheet" href={`${base}/forms.css`} />
        <script src={`${base}/forms.js`} defer />
      </head>
      <body className={options.embedded ? "mg-page mg-page-embed" : "mg-page"}>
        <main>{children}</main>
      </body>
    </html>
  );
}

/* eslint-enable @next/next/no-head-element */

function documentOf(node: ReactNode): string {
  return `<!doctype html>${renderToStaticHtml(node)}`;
}

export function renderFormDocument(form: RenderableForm, context: FormRenderContext, options: FormDocumentOptions): string {
  return documentOf(
    <Shell options={options}>
      {options.embedded ? null : (
        <>
          {options.organizationName ? <p className="mg-org">{options.organizationName}</p> : null}
          <h1>{form.name}</h1>
        </>
      )}
      <LeadFormMarkup form={form} context={context} />
    </Shell>,
  );
}

/** A message page (thank-you, confirmed, not available): the text is shown as text, line breaks kept. */
export function renderMessageDocument(input: { heading: string; message: string }, options: FormDocumentOptions): string {
  return documentOf(
    <Shell options={options}>
      <h1>{input.heading}</h1>
      <p className="mg-message" role="status">
        {input.message}
      </p>
    </Shell>,
  );
}

/** Double opt-in: a GET shows this button (mail scanners follow links; only a POST confirms). */
export function renderConfirmDocument(input: { heading: string; message: string; action: string; token: string; button: string }, options: FormDocumentOptions): string {
  return documentOf(
    <Shell options={options}>
      <h1>{input.heading}</h1>
      <p className="mg-message">{input.message}</p>
      <form className="mg-form" method="post" action={input.action}>
        <input type="hidden" name="token" value={input.token} />
        <div className="mg-actions">
          <button type="submit" className="mg-submit">
            {input.button}
          </button>
        </div>
      </form>
    </Shell>,
  );
}
