/** The server side of published pages (react-dom/server): apps/marketing-site and tests only. */
export { renderPublishedPage, renderPublishedPageDocument, type PublishedPageOrg, type RenderPublishedPageInput, type RenderedPage } from "./render/render-page";
export { renderThankYouPage } from "./render/thank-you";
export { ENHANCE_SCRIPT } from "./render/enhance-script";
