/**
 * Landing pages and lead forms as data and markup (docs/lead-capture.md): the block library (one
 * Puck config for the editor in apps/web and the server renderer of apps/marketing-site), page
 * templates, and the form markup with its enhancement script. Depends on nothing of ours.
 */
export type { FormRenderContext, LeadFormFieldKind, RenderableConsent, RenderableForm, RenderableFormField } from "./forms/types";
export { LeadFormMarkup } from "./forms/lead-form-markup";
