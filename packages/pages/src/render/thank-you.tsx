import { brandingCssVariables, type Branding } from "../branding";
import { Paragraphs, safeHref } from "../blocks/shared";
import { PAGE_CSS } from "./page-css";
import { renderToStaticHtml } from "./static-html";

/** The page's own thank-you message after a form was sent without JavaScript (a plain POST). */
export function renderThankYouPage(input: { message: string; pageTitle: string; backHref: string; branding: Branding; org: { name: string }; lang?: string }): string {
  const brandName = input.branding.productName || input.org.name;
  const back = safeHref(input.backHref);
  const css = `:root{${brandingCssVariables(input.branding)}}${PAGE_CSS}`;
  return `<!doctype html>${renderToStaticHtml(
    <html lang={input.lang ?? "en"}>
      {/* A whole document rendered outside Next.js: next/head does not apply. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`Thank you — ${input.pageTitle || brandName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header className="mg-header">
          <div className="mg-wrap">
            <span className="mg-brand">{brandName}</span>
          </div>
        </header>
        <main id="main" className="mg-thanks">
          <div className="mg-wrap mg-narrow">
            <h1>Thank you</h1>
            <Paragraphs text={input.message || "We received your details and will be in touch soon."} />
            {back ? (
              <p>
                <a href={back}>Back to the page</a>
              </p>
            ) : null}
          </div>
        </main>
      </body>
    </html>,
  )}`;
}
