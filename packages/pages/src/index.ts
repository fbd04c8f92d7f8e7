/**
 * Landing pages and lead forms as data and markup (docs/lead-capture.md): the block library (one
 * Puck config for the editor in apps/web and the server renderer of apps/marketing-site), page
 * templates, and the form markup with its enhancement script. Depends on nothing of ours.
 */
export type { FormRenderContext, LeadFormFieldKind, RenderableConsent, RenderableForm, RenderableFormField } from "./forms/types";
export { LeadFormMarkup, CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD, TURNSTILE_FIELD } from "./forms/lead-form-markup";
export { renderConfirmDocument, renderFormDocument, renderMessageDocument, type FormDocumentOptions } from "./forms/document";
export { FORMS_SCRIPT } from "./forms/forms-script";
export { EMBED_SCRIPT } from "./forms/embed-script";
export { LEAD_FORM_CSS } from "./forms/styles";
export { escapeHtml, renderStatic } from "./html/render-static";
