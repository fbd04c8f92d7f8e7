/**
 * Landing pages and lead forms as data and markup (docs/lead-capture.md): the block library (one
 * Puck config for the editor in apps/web and the server renderer of apps/marketing-site), page
 * templates, and the form markup with its enhancement script. Depends on nothing of ours.
 *
 * The server renderer lives in "@mg/pages/render" (it pulls in react-dom/server) so the editor's
 * client bundle does not.
 */
export type { FormRenderContext, LeadFormFieldKind, RenderableConsent, RenderableForm, RenderableFormField } from "./forms/types";
export { pageConfig, withFormOptions, type PageComponents, type PageConfig } from "./config";
export * from "./schema";
export * from "./branding";
export { PAGE_TEMPLATES, findTemplate, instantiateTemplate, type PageTemplate } from "./templates";
export { PAGE_CSS } from "./render/page-css";
export { contextMetadata, type BlockRenderContext } from "./render/context";
export { videoEmbed } from "./blocks/video";
export { LeadFormMarkup, CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD, TURNSTILE_FIELD } from "./forms/lead-form-markup";
export { renderConfirmDocument, renderFormDocument, renderMessageDocument, type FormDocumentOptions } from "./forms/document";
export { FORMS_SCRIPT } from "./forms/forms-script";
export { EMBED_SCRIPT } from "./forms/embed-script";
export { LEAD_FORM_CSS } from "./forms/styles";
export { escapeHtml, renderToStaticHtml } from "./render/static-html";
